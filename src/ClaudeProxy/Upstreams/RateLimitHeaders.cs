using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Reads the rate-limit state upstreams send on every answer, successes included, into "this key has
/// nothing left until T": the latest reset among the limits whose remaining count is 0. Anthropic sends
/// <c>anthropic-ratelimit-{limit}-remaining</c> with <c>-reset</c> as an RFC 3339 time; OpenAI-compatible
/// upstreams send <c>x-ratelimit-remaining-{limit}</c> with <c>x-ratelimit-reset-{limit}</c> as a duration
/// from now (<c>1s</c>, <c>6m0s</c>, <c>20ms</c>). A malformed value is ignored: it never fails an answer.
/// </summary>
public static class RateLimitHeaders
{
    private static readonly Limit[] Limits =
    [
        new("anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-requests-reset", RelativeReset: false),
        new("anthropic-ratelimit-tokens-remaining", "anthropic-ratelimit-tokens-reset", RelativeReset: false),
        new("anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-input-tokens-reset", RelativeReset: false),
        new("anthropic-ratelimit-output-tokens-remaining", "anthropic-ratelimit-output-tokens-reset", RelativeReset: false),
        new("x-ratelimit-remaining-requests", "x-ratelimit-reset-requests", RelativeReset: true),
        new("x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens", RelativeReset: true),
    ];

    private static readonly SearchValues<char> NumberChars = SearchValues.Create("0123456789.");

    // A zone is required: "K" would also take a time without one, as local time.
    private static readonly string[] Rfc3339Formats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF'Z'",
        "yyyy'-'MM'-'dd'T'HH':'mm':'sszzz",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFFzzz",
    ];

    /// <summary>When the key may be used again, or null when nothing is exhausted (or no exhausted limit says when it resets).</summary>
    public static DateTimeOffset? ExhaustedUntil(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        DateTimeOffset? latest = null;
        foreach (var limit in Limits)
        {
            if (IsExhausted(Value(response.Headers, limit.Remaining))
                && Reset(Value(response.Headers, limit.Reset), limit.RelativeReset, now) is { } reset
                && reset > now
                && (latest is null || reset > latest))
            {
                latest = reset;
            }
        }

        return latest;
    }

    /// <summary>
    /// A duration as OpenAI-compatible upstreams write it: decimal numbers each with a unit
    /// (<c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, <c>us</c>, <c>ns</c>), as in <c>1h2m3.5s</c>; a bare number is seconds.
    /// </summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var value = text.AsSpan().Trim();
        if (value.IsEmpty)
        {
            return false;
        }

        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            return TryFromSeconds(bareSeconds, out duration);
        }

        var seconds = 0.0;
        while (!value.IsEmpty)
        {
            var numberLength = value.IndexOfAnyExcept(NumberChars);
            if (numberLength <= 0
                || !double.TryParse(value[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            value = value[numberLength..];
            var unitLength = value.IndexOfAny(NumberChars);
            var unit = unitLength < 0 ? value : value[..unitLength];
            var scale = unit switch
            {
                "h" => 3600.0,
                "m" => 60.0,
                "s" => 1.0,
                "ms" => 1e-3,
                "us" or "µs" or "μs" => 1e-6,
                "ns" => 1e-9,
                _ => 0.0,
            };
            if (scale == 0.0)
            {
                return false;
            }

            seconds += number * scale;
            value = unitLength < 0 ? [] : value[unitLength..];
        }

        return TryFromSeconds(seconds, out duration);
    }

    private static bool IsExhausted(string? remaining) =>
        decimal.TryParse(remaining, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var left) && left == 0;

    private static DateTimeOffset? Reset(string? value, bool relative, DateTimeOffset now)
    {
        if (relative)
        {
            // Far beyond any real window (and beyond the calendar) is as good as malformed.
            return TryParseDuration(value, out var wait) && wait < TimeSpan.FromDays(366) ? now + wait : null;
        }

        return DateTimeOffset.TryParseExact(value?.Trim(), Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
    }

    private static bool TryFromSeconds(double seconds, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds >= TimeSpan.MaxValue.TotalSeconds - 1)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static string? Value(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private readonly record struct Limit(string Remaining, string Reset, bool RelativeReset);
}
