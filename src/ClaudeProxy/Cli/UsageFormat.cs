using System.Globalization;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Cli;

/// <summary>How <c>logs</c> and <c>stats</c> show figures to people; a missing figure is "-", never 0.</summary>
internal static class UsageFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One request as table cells: time, status, route, key, tokens, cost, latency, attempts, request id.</summary>
    public static string[] LogRow(RequestLogEntry e) =>
    [
        Time(e.Time),
        e.ErrorType is { } type ? $"{e.Status} {type}" : e.Status.ToString(Invariant),
        $"{e.Model ?? "-"} → {e.Channel ?? "-"}/{e.MappedModel ?? "-"}",
        e.Key ?? "-",
        $"in {Count(e.InputTokens)}",
        $"out {Count(e.OutputTokens)}",
        $"cache {Count(e.CacheReadTokens)}/{Count(e.CacheCreationTokens)}",
        Cost(e.CostUsd),
        Ms(e.LatencyMs),
        e.Attempts.Count == 1 ? "1 attempt" : $"{e.Attempts.Count} attempts",
        e.RequestId,
    ];

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", Invariant);

    public static string Count(long value) => value.ToString(Invariant);

    public static string Cost(double? usd) => usd is { } value ? "$" + value.ToString("0.######", Invariant) : "-";

    public static string Ms(double? ms) => ms is { } value ? value.ToString("0", Invariant) + "ms" : "-";

    public static string Rate(double? fraction) => fraction is { } value ? (value * 100).ToString("0.#", Invariant) + "%" : "-";
}
