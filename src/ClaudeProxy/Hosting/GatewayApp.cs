using ClaudeProxy.Admin;
using ClaudeProxy.Configuration;
using ClaudeProxy.Fleet;
using ClaudeProxy.Observability;
using ClaudeProxy.Observability.Cost;
using ClaudeProxy.Observability.Events;
using ClaudeProxy.Observability.Metrics;
using ClaudeProxy.Observability.Tracing;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Panel;
using ClaudeProxy.Proxy;
using ClaudeProxy.Proxy.ChatCompletions;
using ClaudeProxy.Proxy.Gemini;
using ClaudeProxy.Proxy.Responses;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Affinity;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Security;
using ClaudeProxy.Security.Sessions;
using ClaudeProxy.Upstreams;
using ClaudeProxy.Upstreams.Claude;
using ClaudeProxy.Upstreams.Gemini;
using ClaudeProxy.Upstreams.OpenAI;
using ClaudeProxy.Upstreams.Responses;
using ClaudeProxy.Upstreams.Translating;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenTelemetry.Resources;

namespace ClaudeProxy.Hosting;

/// <summary>Composes the gateway: services, middleware and endpoints. The CLI and the tests both start it from here.</summary>
public static class GatewayApp
{
    /// <summary>Builds the app and loads the config; throws <see cref="ConfigFileException"/> when the config file is broken.</summary>
    public static WebApplication Build(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Settings;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // The host would reload appsettings*.json on change by watching the whole content root, where
            // .config/ and its usage database live: every logged request would wake the watcher several
            // times. The gateway's settings come from the environment and .env, and its config file has a
            // watcher of its own.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ApplicationName = "ClaudeProxy",
            // Never "Development": that would switch on ASP.NET's developer exception page, which echoes
            // stack traces and request headers. ENV only changes what this gateway itself does.
            EnvironmentName = Environments.Production,
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
        });
        builder.WebHost.UseUrls([.. options.Urls ?? [DefaultUrl(settings)]]);
        ConfigureLogging(builder.Logging, options);

        var configStorePath = Path.GetFullPath(settings.ConfigPath);
        var accessKey = AccessKeyProvider.Resolve(settings.AccessKey, Path.GetDirectoryName(configStorePath)!);
        var keys = new GatewayKeys(accessKey, settings.AdminAccessKey is { } adminKey ? new AccessKey(adminKey, AccessKeySource.Environment) : null);
        var keyWarnings = WeakKeyCheck.Warnings(settings, keys);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton(accessKey);
        services.AddSingleton(keys);
        services.AddSingleton(new AuthFailureThrottle(settings.AuthFailureLimit, settings.AuthLockout, options.TimeProvider));
        services.AddSingleton(new InMemorySessionStore(settings.SessionTtl, options.TimeProvider));

        // With REDIS_URL, sessions and stored conversations are the fleet's (registered below); without it, this process's.
        services.AddSingleton<ISessionStore>(sp => sp.GetService<RedisSessionStore>() ?? (ISessionStore)sp.GetRequiredService<InMemorySessionStore>());
        services.AddSingleton(sp => new StoredResponses(settings.StoredResponseTtl, settings.StoredResponseMaxBytes, options.TimeProvider, sp.GetService<SharedResponses>()));
        services.AddSingleton(new GatewayStartTime(options.TimeProvider.GetTimestamp()));
        services.AddSingleton<ShutdownDrain>();

        // The host waits a little longer than the drain period, so streams cut short by its end can still say why.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout + ShutdownDrain.HostMargin);
        services.AddSingleton(sp => new ConfigStore(configStorePath, options.TimeProvider, sp.GetRequiredService<ILogger<ConfigStore>>()));
        services.AddSingleton<ConfigFileWatcher>();
        services.AddSingleton<ConfigWriteWorker>();

        // Hosted services stop after the web server, so requests have queued their last write by then.
        services.AddHostedService(sp => sp.GetRequiredService<ConfigWriteWorker>());
        services.AddSingleton<UpstreamHttpClients>();
        services.AddSingleton<IUpstreamAdapter, ClaudeAdapter>();
        services.AddSingleton<IUpstreamAdapter>(sp => Translating(sp, new OpenAIChatProtocol(ServiceType.OpenAI, useMaxCompletionTokens: true)));
        services.AddSingleton<IUpstreamAdapter>(sp => Translating(sp, new OpenAIChatProtocol(ServiceType.OpenAIOld, useMaxCompletionTokens: false)));
        services.AddSingleton<IUpstreamAdapter>(sp => Translating(sp, new GeminiProtocol(sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<IUpstreamAdapter>(sp => Translating(sp, new ResponsesProtocol()));
        services.AddSingleton<UpstreamAdapters>();
        services.AddSingleton(new HealthOptions());
        services.AddSingleton(sp => new KeyLimiter(sp.GetRequiredService<TimeProvider>(), sp.GetService<ISharedKeyCaps>()));
        services.AddSingleton(sp => new HealthRegistry(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<HealthOptions>(), sp.GetRequiredService<KeyLimiter>()));
        services.AddSingleton<BaseUrlRotation>();
        services.AddSingleton<KeySelection>();
        services.AddSingleton<ConversationPins>();
        services.AddSingleton<KeyDegradation>();
        services.AddSingleton<IUpstreamScheduler, UpstreamScheduler>();
        services.AddSingleton<UpstreamForwarder>();
        services.AddSingleton<RecentAttempts>();
        services.AddSingleton<CostCalculator>();
        services.AddSingleton<ConfigEditor>();
        services.AddSingleton<ChannelPing>();
        services.AddSingleton<IAttemptObserver>(sp => sp.GetRequiredService<RecentAttempts>());

        // Several instances: who this one is, and with REDIS_URL the state it shares with the others.
        services.AddSingleton(sp => FleetInstance.Start(settings, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<InstanceStatus>();
        if (settings.RedisUrl is not null)
        {
            services.AddSingleton<FleetRedis>();
            services.AddSingleton<SharedHealth>();
            services.AddHostedService(sp => sp.GetRequiredService<SharedHealth>());
            services.AddSingleton<FleetMembership>();
            services.AddHostedService(sp => sp.GetRequiredService<FleetMembership>());
            services.AddSingleton<SharedConfig>();
            services.AddHostedService(sp => sp.GetRequiredService<SharedConfig>());
            services.AddSingleton<SharedResponses>();
            services.AddHostedService(sp => sp.GetRequiredService<SharedResponses>());
            services.AddSingleton<RedisSessionStore>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisSessionStore>());
            services.AddSingleton<SharedAuthFailures>();
            services.AddHostedService(sp => sp.GetRequiredService<SharedAuthFailures>());
            services.AddSingleton<SharedKeyCaps>();
            services.AddSingleton<ISharedKeyCaps>(sp => sp.GetRequiredService<SharedKeyCaps>());
            services.AddHostedService(sp => sp.GetRequiredService<SharedKeyCaps>());
        }

        // Usage log: the request path records into a bounded queue; the writer drains it into the store.
        services.AddSingleton(_ => UsageStores.For(settings));
        services.AddSingleton(_ => new UsageRecorder(options.UsageQueueCapacity));
        services.AddSingleton<IUsageRecorder>(sp => sp.GetRequiredService<UsageRecorder>());
        services.AddSingleton(sp => new UsageWriter(
            sp.GetRequiredService<UsageRecorder>(), sp.GetRequiredService<IUsageStore>(), options.TimeProvider, settings.LogRetentionDays, sp.GetRequiredService<ILogger<UsageWriter>>()));
        services.AddHostedService(sp => sp.GetRequiredService<UsageWriter>());
        services.AddPanel(settings);

        // Live views: stored requests and health changes, fanned out to /api/events listeners.
        services.AddSingleton<EventHub>();
        services.AddSingleton<LiveEventPublisher>();

        // Metrics for /metrics, and traces when an OTLP endpoint is set.
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("claude-proxy", serviceVersion: GatewayVersion.Current));
        services.AddGatewayMetrics(telemetry, settings, options.MeterName);
        services.AddGatewayTracing(telemetry, settings);

        var app = builder.Build();
        app.Services.GetRequiredService<ShutdownDrain>();
        app.Services.GetRequiredService<ConfigStore>().LoadOrCreate();
        app.Services.GetRequiredService<ConfigFileWatcher>();
        app.Services.GetRequiredService<LiveEventPublisher>();
        // What the config keeps without using, and active channels without keys, are said once here and in the banner.
        IReadOnlyList<string> startupWarnings = [.. keyWarnings, .. ConfigNotices.Lines(app.Services.GetRequiredService<ConfigStore>().Current)];
        StartupWarnings.Log(app.Services.GetRequiredService<ILoggerFactory>(), startupWarnings);

        app.Use(RequestIds.Assign);

        // The panel's static files are public and not worth a request-log line each.
        app.UsePanel();

        if (settings.EnableRequestLogs || settings.EnableResponseLogs)
        {
            app.UseMiddleware<RequestLogMiddleware>();
        }

        app.UseMiddleware<UnhandledExceptionMiddleware>();

        app.UseMiddleware<AccessKeyMiddleware>();
        app.MapSessionEndpoints();
        app.UseMiddleware<RequestTracingMiddleware>();
        app.MapGatewayMetrics(settings);
        app.MapChannelEndpoints();
        app.MapConfigEndpoints();
        app.MapStatusApiEndpoints();
        app.MapUsageEndpoints();
        app.MapHealthApiEndpoints();
        app.MapClusterEndpoints();
        app.MapEventsEndpoints();
        app.MapStatusEndpoints();
        app.MapChatCompletionsEndpoints();
        app.MapResponsesEndpoints();
        app.MapGeminiEndpoints();
        app.MapProxyEndpoints();

        if (options.BannerWriter is { } bannerWriter)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                bannerWriter.WriteLine(StartupBanner.Render(addresses, keys, app.Services.GetRequiredService<ConfigStore>(), settings, startupWarnings, options.BannerIsTerminal,
                    ClaudeProxy.Panel.PanelSetup.IsServed(app.Services)));
                bannerWriter.Flush();
            });
        }

        return app;
    }

    private static TranslatingAdapter Translating(IServiceProvider services, IUpstreamProtocol protocol) =>
        new TranslatingAdapter(protocol, services.GetRequiredService<GatewaySettings>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<TranslatingAdapter>>());

    private static string DefaultUrl(GatewaySettings settings)
    {
        var host = settings.Host.Contains(':', StringComparison.Ordinal) && !settings.Host.StartsWith('[') ? $"[{settings.Host}]" : settings.Host;
        return $"http://{host}:{settings.Port}";
    }

    private static void ConfigureLogging(ILoggingBuilder logging, GatewayOptions options)
    {
        logging.ClearProviders();
        if (options.ConfigureLogging is { } configure)
        {
            configure(logging);
        }
        else if (options.Settings.JsonLogs)
        {
            // One JSON object per line, for log collectors: the message plus its named fields.
            logging.AddJsonConsole(console =>
            {
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }

        logging.SetMinimumLevel(options.Settings.LogLevel);
        // The banner says where we listen; framework chatter stays at warnings.
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        // The host logs a failed start as an error with its whole stack, though `serve` reports bind
        // failures in one line and anything else escapes StartAsync anyway. A faulted background service
        // still shows: the host logs that at Critical as it stops.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }
}
