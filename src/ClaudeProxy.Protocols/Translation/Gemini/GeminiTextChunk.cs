using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// The common chunk of a Gemini stream, read with a <see cref="Utf8JsonReader"/> over its bytes: a
/// first candidate whose content is at most one plain text part (no thought, no signature), no finish
/// reason, perhaps usage. Anything else — calls, thoughts, signatures, a finish reason, a blocked
/// prompt, an error, a property given twice (a document keeps the last), a shape the general path
/// would reject — is not taken, and the chunk goes through the document path instead.
/// </summary>
internal readonly ref struct GeminiTextChunk
{
    private GeminiTextChunk(JsonStringToken? text, AnthropicUsage? usage)
    {
        Text = text;
        Usage = usage;
    }

    /// <summary>The text of the one part, when there is one.</summary>
    public JsonStringToken? Text { get; }

    /// <summary>The chunk's <c>usageMetadata</c>, when it has one.</summary>
    public AnthropicUsage? Usage { get; }

    public static bool TryRead(ReadOnlySpan<byte> data, out GeminiTextChunk chunk)
    {
        chunk = default;
        JsonStringToken? text = null;
        AnthropicUsage? usage = null;
        var reader = new Utf8JsonReader(data);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seenCandidates = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("candidates"u8))
                {
                    if (seenCandidates || !TryReadCandidates(ref reader, ref text))
                    {
                        return false;
                    }

                    seenCandidates = true;
                }
                else if (reader.ValueTextEquals("usageMetadata"u8))
                {
                    reader.Read();
                    if (usage is not null || reader.TokenType != JsonTokenType.StartObject)
                    {
                        return false;
                    }

                    usage = GeminiUsage.From(ref reader);
                }
                else if (reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("promptFeedback"u8))
                {
                    return false;
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

        chunk = new GeminiTextChunk(text, usage);
        return true;
    }

    private static bool TryReadCandidates(ref Utf8JsonReader reader, ref JsonStringToken? text)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            // The general path reads candidates only from an array.
            reader.Skip();
            return true;
        }

        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject || !TryReadCandidate(ref reader, ref text))
        {
            return false;
        }

        // Only the first candidate counts; the rest are read past.
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }

        return true;
    }

    private static bool TryReadCandidate(ref Utf8JsonReader reader, ref JsonStringToken? text)
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
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                }
                else if (!TryReadContent(ref reader, ref text))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("finishReason"u8))
            {
                // The last chunk: a finish reason may need a note, which the general path writes.
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

        return true;
    }

    private static bool TryReadContent(ref Utf8JsonReader reader, ref JsonStringToken? text)
    {
        var seenParts = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("parts"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            if (seenParts)
            {
                return false;
            }

            seenParts = true;
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (text is not null || reader.TokenType != JsonTokenType.StartObject || !TryReadPart(ref reader, ref text))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A part with a string <c>text</c>, a <c>thought</c> that is false if anything, and nothing else.</summary>
    private static bool TryReadPart(ref Utf8JsonReader reader, ref JsonStringToken? text)
    {
        JsonStringToken? partText = null;
        var seenThought = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (partText is not null || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                partText = JsonStringToken.At(ref reader);
            }
            else if (reader.ValueTextEquals("thought"u8))
            {
                reader.Read();
                if (seenThought || reader.TokenType is not (JsonTokenType.False or JsonTokenType.Null))
                {
                    return false;
                }

                seenThought = true;
            }
            else
            {
                return false;
            }
        }

        text = partText;
        return partText is not null;
    }
}
