using System.Text.Json;

namespace ClaudeProxy.Upstreams;

/// <summary>Checks an upstream's non-stream answer in one pass, without building anything.</summary>
public static class JsonBody
{
    /// <summary>
    /// Throws <see cref="JsonException"/> when <paramref name="body"/> is not exactly one well-formed JSON
    /// value, and <see cref="EmptyAnswerException"/> for an Anthropic message with no content and no output
    /// tokens: a 2xx that carries nothing, which fails over like a broken one. A refusal (stop reason
    /// <c>refusal</c>) is an answer, however empty: another key would refuse the same.
    /// </summary>
    public static void EnsureAnswer(ReadOnlySpan<byte> body)
    {
        if (Read(body) is { HasContentList: true, ContentItems: 0, OutputTokens: 0, Refused: false })
        {
            throw new EmptyAnswerException("the message has no content and no output tokens");
        }
    }

    private static MessageShape Read(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read())
        {
            throw new JsonException("The body is empty.");
        }

        var shape = reader.TokenType == JsonTokenType.StartObject ? ReadMessage(ref reader) : Skip(ref reader);
        if (reader.Read())
        {
            throw new JsonException("The body holds more than one JSON value.");
        }

        return shape;
    }

    private static MessageShape Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return default;
    }

    /// <summary>Walks the top-level object, looking into <c>content</c> and <c>usage</c> only as far as needed.</summary>
    private static MessageShape ReadMessage(ref Utf8JsonReader reader)
    {
        var shape = new MessageShape { OutputTokens = 0 };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    shape.HasContentList = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        shape.ContentItems++;
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                shape.Refused = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("refusal"u8);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isOutput = reader.ValueTextEquals("output_tokens"u8);
                    reader.Read();
                    if (isOutput && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var tokens))
                    {
                        shape.OutputTokens = tokens;
                    }

                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return shape;
    }

    private struct MessageShape
    {
        public bool HasContentList;
        public int ContentItems;
        public long OutputTokens;
        public bool Refused;
    }
}
