using ClaudeProxy.Configuration;
using ClaudeProxy.Observability.Metrics;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Hosting;

/// <summary>Everything the host needs from outside: settings, and seams for tests (clock, addresses, log and banner sinks).</summary>
public sealed record GatewayOptions
{
    public required GatewaySettings Settings { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Addresses to listen on; default <c>http://{HOST}:{PORT}</c>.</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>Replaces the console log providers (tests capture logs here).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Where the start-up banner goes; null prints none.</summary>
    public TextWriter? BannerWriter { get; init; } = Console.Out;

    /// <summary>Whether the banner goes to a person's terminal; a generated key is printed in full only then.</summary>
    public bool BannerIsTerminal { get; init; } = !Console.IsOutputRedirected;

    /// <summary>The name of the gateway's meter; tests give each gateway its own so their metrics stay apart.</summary>
    public string MeterName { get; init; } = GatewayMeter.DefaultName;

    /// <summary>How many request log entries may wait for the writer before the oldest are dropped.</summary>
    public int UsageQueueCapacity { get; init; } = UsageRecorder.DefaultCapacity;
}
