using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>
/// The common chunk of a Chat Completions stream, read with a <see cref="Utf8JsonReader"/> over its
/// bytes: a first choice whose delta carries only <c>content</c> (and a role), perhaps a finish reason,
/// no error and no usage. Anything else — tool calls, reasoning, a refusal, usage, an error, a
/// property given twice (a document keeps the last), a shape the general path would reject — is not
/// taken, and the chunk goes through the document path instead.
/// </summary>
internal readonly ref struct ChatTextChunk
{
    private ChatTextChunk(JsonStringToken? content, JsonStringToken? finishReason)
    {
        Content = content;
        FinishReason = finishReason;
    }

    /// <summary>The first choice's <c>delta.content</c>, when it is a string.</summary>
    public JsonStringToken? Content { get; }

    /// <summary>The first choice's <c>finish_reason</c>, when it is a string.</summary>
    public JsonStringToken? FinishReason { get; }

    public static bool TryRead(ReadOnlySpan<byte> data, out ChatTextChunk chunk)
    {
        chunk = default;
        JsonStringToken? content = null;
        JsonStringToken? finishReason = null;
        var reader = new Utf8JsonReader(data);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seenChoices = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("choices"u8))
                {
                    if (seenChoices || !TryReadChoices(ref reader, ref content, ref finishReason))
                    {
                        return false;
                    }

                    seenChoices = true;
                }
                else if (reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Null)
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            // Whatever follows the object (there should be nothing) the document path must judge.
            if (reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        chunk = new ChatTextChunk(content, finishReason);
        return true;
    }

    private static bool TryReadChoices(ref Utf8JsonReader reader, ref JsonStringToken? content, ref JsonStringToken? finishReason)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            // The general path reads choices only from an array.
            reader.Skip();
            return true;
        }

        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject || !TryReadChoice(ref reader, ref content, ref finishReason))
        {
            return false;
        }

        // Only the first choice counts; the rest are read past.
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }

        return true;
    }

    private static bool TryReadChoice(ref Utf8JsonReader reader, ref JsonStringToken? content, ref JsonStringToken? finishReason)
    {
        var seenDelta = false;
        var seenFinish = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                if (seenDelta)
                {
                    return false;
                }

                seenDelta = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                }
                else if (!TryReadDelta(ref reader, ref content))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                if (seenFinish)
                {
                    return false;
                }

                seenFinish = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    finishReason = JsonStringToken.At(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return true;
    }

    private static bool TryReadDelta(ref Utf8JsonReader reader, ref JsonStringToken? content)
    {
        var seenContent = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                if (seenContent)
                {
                    return false;
                }

                seenContent = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    content = JsonStringToken.At(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8)
                || reader.ValueTextEquals("refusal"u8) || reader.ValueTextEquals("tool_calls"u8))
            {
                // Fields the general path acts on: taken only when null, as many servers send them.
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                // role, and fields the general path ignores as well.
                reader.Skip();
            }
        }

        return true;
    }
}
