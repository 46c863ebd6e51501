using System.Globalization;
using System.Text;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Admin;

/// <summary>CSV (RFC 4180) lines of the usage exports; text that a spreadsheet would run as a formula is defused.</summary>
internal static class UsageCsv
{
    public const string LogHeader =
        "id,time,requestId,path,model,mappedModel,channel,channelId,serviceType,key,status,errorType,errorMessage,stream," +
        "latencyMs,ttfbMs,inputTokens,outputTokens,cacheReadTokens,cacheCreationTokens,costUsd,attempts,instance";

    public const string StatsHeader =
        "name,requests,errors,successRate,p50LatencyMs,p95LatencyMs,p50TtfbMs,inputTokens,outputTokens,cacheReadTokens," +
        "cacheCreationTokens,cacheHitRate,costUsd";

    /// <summary>The name of the stats row that holds the totals.</summary>
    public const string TotalsName = "(all)";

    public static string LogLine(RequestLogEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Line(
            Number(e.Id), e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), Text(e.RequestId), Text(e.Path),
            Text(e.Model), Text(e.MappedModel), Text(e.Channel), Text(e.ChannelId), Text(e.ServiceType), Text(e.Key), Number(e.Status),
            Text(e.ErrorType), Text(e.ErrorMessage), e.Stream ? "true" : "false", Number(e.LatencyMs), Number(e.TtfbMs), Number(e.InputTokens),
            Number(e.OutputTokens), Number(e.CacheReadTokens), Number(e.CacheCreationTokens), Number(e.CostUsd), Number(e.Attempts.Count),
            Text(e.Instance));
    }

    public static string StatsLine(UsageFigures f, string name)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Line(
            Text(name), Number(f.Requests), Number(f.Errors), Number(f.SuccessRate), Number(f.P50LatencyMs), Number(f.P95LatencyMs),
            Number(f.P50TtfbMs), Number(f.InputTokens), Number(f.OutputTokens), Number(f.CacheReadTokens), Number(f.CacheCreationTokens),
            Number(f.CacheHitRate), Number(f.CostUsd));
    }

    private static string Line(params ReadOnlySpan<string> fields) => string.Join(',', fields) + "\r\n";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        return new StringBuilder(value.Length + 2).Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
