using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Tests.Usage;

/// <summary>Request log entries for tests: a plain success unless told otherwise.</summary>
internal static class UsageEntries
{
    public static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static RequestLogEntry Entry(
        DateTimeOffset? time = null,
        string channel = "alpha",
        string channelId = "ch_alpha",
        string model = "claude-sonnet-4-5",
        string key = "sk-a…1111",
        int status = 200,
        string? errorType = null,
        double latencyMs = 100,
        double? ttfbMs = 50,
        long input = 10,
        long output = 20,
        long cacheRead = 0,
        long cacheCreation = 0,
        double? cost = 0.001,
        string? requestBody = null) => new()
    {
        Time = time ?? Noon,
        RequestId = "req_" + Guid.NewGuid().ToString("N")[..12],
        Path = "/v1/messages",
        Model = model,
        MappedModel = model + "-mapped",
        Channel = channel,
        ChannelId = channelId,
        ServiceType = "claude",
        Key = key,
        Status = status,
        ErrorType = errorType,
        ErrorMessage = errorType is null ? null : "upstream said no",
        Stream = true,
        LatencyMs = latencyMs,
        TtfbMs = ttfbMs,
        InputTokens = input,
        OutputTokens = output,
        CacheReadTokens = cacheRead,
        CacheCreationTokens = cacheCreation,
        CostUsd = cost,
        Attempts = [new AttemptLogEntry(channel, key, status, errorType, latencyMs)],
        RequestBody = requestBody,
    };
}
