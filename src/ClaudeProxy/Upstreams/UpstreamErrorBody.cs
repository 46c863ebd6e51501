using System.Net.Http.Headers;
using System.Text;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// Reads a failed upstream response: its body (bounded), kept or wrapped as an Anthropic envelope,
/// and the headers and retry delay worth passing on.
/// </summary>
public static class UpstreamErrorBody
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return buffer.AsSpan(0, total).ToArray();
    }

    /// <summary>Keeps an Anthropic envelope as it is; wraps anything else (HTML, plain text, other JSON) in one.</summary>
    public static byte[] ToEnvelope(byte[] body, int status, string channelName, string apiKey, string requestId)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (AnthropicErrorEnvelope.IsEnvelope(body))
        {
            return SecretRedactor.Redact(body, apiKey);
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length > 500)
        {
            text = text[..500] + "…";
        }

        var message = text.Length == 0
            ? $"Upstream channel '{channelName}' answered HTTP {status} with an empty body."
            : $"Upstream channel '{channelName}' answered HTTP {status}: {SecretRedactor.Redact(text, apiKey)}";
        return AnthropicErrorEnvelope.ToUtf8Bytes(AnthropicErrorType.ForStatus(status), message, requestId);
    }

    /// <summary>The upstream headers worth passing on with the error, chosen by name, with their values.</summary>
    public static IReadOnlyList<KeyValuePair<string, string[]>> RelayedHeaders(HttpResponseHeaders headers, Func<string, bool> relay)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(relay);
        return headers
            .Where(h => relay(h.Key))
            .Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()))
            .ToList();
    }

    /// <summary>True for <c>retry-after</c> and its variants (<c>retry-after-ms</c>): every channel passes them on.</summary>
    public static bool IsRetryAfter(string name) => name.StartsWith("retry-after", StringComparison.OrdinalIgnoreCase);

    /// <summary>The upstream's Retry-After, as a delay.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        return null;
    }
}
