using System.Text.Json;

namespace ClaudeProxy.Proxy.Responses;

/// <summary>
/// The <c>previous_response_id</c> of a Responses request, read ahead of the translation so that a conversation
/// kept on another instance can be fetched (asynchronously) before the translator asks for it.
/// </summary>
public static class PreviousResponseId
{
    /// <summary>The top-level <c>previous_response_id</c> string; null when there is none or the body is not a JSON object (the translator says why).</summary>
    public static string? Peek(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPrevious = reader.ValueTextEquals("previous_response_id"u8);
                reader.Read();
                if (isPrevious && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
