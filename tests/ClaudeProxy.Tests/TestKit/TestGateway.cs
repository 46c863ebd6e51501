using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Anthropic;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using ClaudeProxy.Observability.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>The real gateway on a loopback port, in a temporary working folder of its own.</summary>
public sealed class TestGateway : IAsyncDisposable
{
    public const string DefaultAccessKey = "test-access-key-0123456789";

    private readonly bool _ownsFolder;

    private TestGateway(WebApplication app, TempFolder folder, bool ownsFolder, GatewaySettings settings, CapturedLogs logs, StringWriter banner)
    {
        _ownsFolder = ownsFolder;
        App = app;
        Folder = folder;
        Settings = settings;
        Logs = logs;
        Banner = banner;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);
    }

    public WebApplication App { get; }

    public TempFolder Folder { get; }

    public GatewaySettings Settings { get; }

    public CapturedLogs Logs { get; }

    public StringWriter Banner { get; }

    public Uri BaseUrl { get; }

    /// <summary>Searches everything this gateway said for the upstream keys of its config; run when the gateway is disposed.</summary>
    public GatewayOutputSweep Sweep { get; private init; } = new(null);

    public string AccessKey => Settings.AccessKey ?? File.ReadAllText(Path.Combine(Folder.Path, ".config", "access-key")).Trim();

    public ConfigStore ConfigStore => App.Services.GetRequiredService<ConfigStore>();

    public string ConfigPath => ConfigStore.FilePath;

    /// <summary>Starts a gateway. <paramref name="configJson"/> is written as its config file first (none: the gateway creates an empty one).</summary>
    public static async Task<TestGateway> StartAsync(
        string? configJson = null,
        Func<GatewaySettings, GatewaySettings>? settings = null,
        TimeProvider? timeProvider = null,
        TempFolder? folder = null,
        bool useDefaultAccessKey = true,
        bool bannerIsTerminal = true,
        int usageQueueCapacity = ClaudeProxy.Observability.Usage.UsageRecorder.DefaultCapacity)
    {
        var ownsFolder = folder is null;
        folder ??= new TempFolder();
        var configPath = Path.Combine(folder.Path, ".config", "config.json");
        if (configJson is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
            await File.WriteAllTextAsync(configPath, configJson, TestContext.Current.CancellationToken);
        }

        var effective = new GatewaySettings
        {
            AccessKey = useDefaultAccessKey ? DefaultAccessKey : null,
            ConfigPath = configPath,
            Host = "127.0.0.1",
            Port = 0,
        };
        effective = settings?.Invoke(effective) ?? effective;
        var logs = new CapturedLogs();
        var banner = new StringWriter();
        var app = GatewayApp.Build(new GatewayOptions
        {
            Settings = effective,
            TimeProvider = timeProvider ?? TimeProvider.System,
            Urls = ["http://127.0.0.1:0"],
            ConfigureLogging = logging => logging.AddProvider(logs),
            BannerWriter = banner,
            BannerIsTerminal = bannerIsTerminal,
            // Gateways of parallel tests share the process; a meter of its own keeps each one's /metrics apart.
            MeterName = $"ClaudeProxy.Test.{Guid.NewGuid():N}",
            UsageQueueCapacity = usageQueueCapacity,
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestGateway(app, folder, ownsFolder, effective, logs, banner) { Sweep = new GatewayOutputSweep(configJson) };
    }

    /// <summary>An HttpClient for the gateway, presenting the access key as <c>x-api-key</c> unless told otherwise.</summary>
    public HttpClient CreateClient(bool authenticated = true) => CreateClient(authenticated ? AccessKey : null);

    /// <summary>An HttpClient for the gateway presenting <paramref name="key"/> as <c>x-api-key</c> (none when null).</summary>
    public HttpClient CreateClient(string? key)
    {
        var client = new HttpClient(Sweep.CreateHandler()) { BaseAddress = BaseUrl };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-api-key", key);
        }

        return client;
    }

    /// <summary>The official Anthropic SDK pointed at the gateway (it sends the key as Bearer).</summary>
    public AnthropicClient CreateSdkClient() => new()
    {
        BaseUrl = BaseUrl.ToString().TrimEnd('/'),
        ApiKey = AccessKey,
        MaxRetries = 0,
    };

    /// <summary>Completes the next time a config goes live.</summary>
    public Task<ProxyConfig> NextConfigChange()
    {
        var changed = new TaskCompletionSource<ProxyConfig>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(ProxyConfig config)
        {
            ConfigStore.Changed -= OnChanged;
            changed.TrySetResult(config);
        }

        ConfigStore.Changed += OnChanged;
        return changed.Task;
    }

    /// <summary>Completes the next time a changed config file is refused.</summary>
    public Task<IReadOnlyList<string>> NextConfigRejection()
    {
        var rejected = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRejected(IReadOnlyList<string> problems)
        {
            ConfigStore.Rejected -= OnRejected;
            rejected.TrySetResult(problems);
        }

        ConfigStore.Rejected += OnRejected;
        return rejected.Task;
    }

    public static StringContent Json(string json) => new(json, new MediaTypeHeaderValue("application/json"));

    /// <summary>
    /// Completes once the first <paramref name="recorded"/> requests are in the request log. A request's
    /// entry is recorded after its answer, its attempt records and its metrics, so this is also the moment
    /// to read those.
    /// </summary>
    public Task UsageFlushedAsync(long recorded) =>
        App.Services.GetRequiredService<UsageWriter>().FlushAsync(recorded).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    /// <summary>The one request in the log, as <c>GET /api/logs</c> lists it, once it is stored.</summary>
    public async Task<JsonNode> SingleLogItemAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        await UsageFlushedAsync(1);
        using var logs = await client.GetAsync("/api/logs", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, logs.StatusCode);
        var page = JsonNode.Parse(await logs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        return Assert.Single(page["items"]!.AsArray())!;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        if (_ownsFolder)
        {
            Folder.Dispose();
        }

        Sweep.AssertNoUpstreamKeyLeaked(Logs, Banner.ToString());
    }
}
