using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// The hot event of a Responses stream, <c>response.output_text.delta</c>, read with a
/// <see cref="Utf8JsonReader"/> over its bytes: its <c>delta</c> string and the output and content
/// indices that say which text block it continues. Anything unusual — another type, a property given
/// twice (a document keeps the last), an index that is not an integer, a delta that is not a string,
/// anything after the object — is not taken, and the event goes through the document path instead.
/// </summary>
internal readonly ref struct ResponsesTextDelta
{
    private ResponsesTextDelta(int outputIndex, int contentIndex, JsonStringToken delta)
    {
        OutputIndex = outputIndex;
        ContentIndex = contentIndex;
        Delta = delta;
    }

    /// <summary>The <c>output_index</c>; -1 when absent, as the document path reads it.</summary>
    public int OutputIndex { get; }

    /// <summary>The <c>content_index</c>; -1 when absent.</summary>
    public int ContentIndex { get; }

    public JsonStringToken Delta { get; }

    public static bool TryRead(ReadOnlySpan<byte> data, out ResponsesTextDelta chunk)
    {
        chunk = default;
        var outputIndex = -1;
        var contentIndex = -1;
        JsonStringToken? delta = null;
        var seenType = false;
        var seenOutputIndex = false;
        var seenContentIndex = false;
        var reader = new Utf8JsonReader(data);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    if (seenType || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(ResponsesEvents.OutputTextDeltaUtf8))
                    {
                        return false;
                    }

                    seenType = true;
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    if (delta is not null || reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    delta = JsonStringToken.At(ref reader);
                }
                else if (reader.ValueTextEquals("output_index"u8))
                {
                    if (seenOutputIndex || !TryReadIndex(ref reader, out outputIndex))
                    {
                        return false;
                    }

                    seenOutputIndex = true;
                }
                else if (reader.ValueTextEquals("content_index"u8))
                {
                    if (seenContentIndex || !TryReadIndex(ref reader, out contentIndex))
                    {
                        return false;
                    }

                    seenContentIndex = true;
                }
                else
                {
                    reader.Skip();
                }
            }

            // Whatever follows the object (there should be nothing) the document path must judge.
            if (!seenType || delta is null || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        chunk = new ResponsesTextDelta(outputIndex, contentIndex, delta.Value);
        return true;
    }

    private static bool TryReadIndex(ref Utf8JsonReader reader, out int index)
    {
        index = -1;
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out index);
    }
}
