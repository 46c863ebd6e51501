using System.Text.Json;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>Hooks <see cref="SecretRedactor"/> into a translating channel's answer, for the key the attempt sent.</summary>
public static class UpstreamSecrets
{
    /// <summary>A redactor of error messages, for a stream translator's error events.</summary>
    public static Func<string, string> Redactor(UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var key = attempt.ApiKey;
        return message => SecretRedactor.Redact(message, key);
    }

    /// <summary>
    /// <paramref name="map"/>, with the message of the <see cref="JsonException"/> it throws for an
    /// unreadable body (it quotes the error a 2xx body carried, as Gemini's do) redacted.
    /// </summary>
    public static Func<byte[], byte[]> RedactingErrors(Func<byte[], byte[]> map, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(attempt);
        var key = attempt.ApiKey;
        return body =>
        {
            try
            {
                return map(body);
            }
            catch (JsonException ex)
            {
                throw new JsonException(SecretRedactor.Redact(ex.Message, key));
            }
        };
    }
}
