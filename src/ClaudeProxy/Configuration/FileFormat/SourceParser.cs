using System.Text.Json;

namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>Reads where each value of a JSON text lies, accepting what the config parser accepts (comments, trailing commas).</summary>
internal static class SourceParser
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The value the text holds, or null when it is not exactly one well-formed JSON value.</summary>
    public static SourceValue? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read())
            {
                return null;
            }

            var root = Value(ref reader);
            // Anything but comments and spaces after the value makes the reader throw.
            return reader.Read() ? null : root;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name that is not valid UTF-8.
            return null;
        }
    }

    private static SourceValue Value(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<SourceProperty>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var keyStart = (int)reader.TokenStartIndex;
                    var nameEnd = keyStart + reader.ValueSpan.Length + 2;
                    reader.Read();
                    properties.Add(new SourceProperty(name, keyStart, nameEnd, Value(ref reader)));
                }

                return new SourceObject(start, (int)reader.TokenStartIndex + 1, properties);
            case JsonTokenType.StartArray:
                var items = new List<SourceValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Value(ref reader));
                }

                return new SourceArray(start, (int)reader.TokenStartIndex + 1, items);
            case JsonTokenType.String:
                // ValueSpan is the text between the quotes, escapes as written.
                return new SourceScalar(start, start + reader.ValueSpan.Length + 2);
            default:
                return new SourceScalar(start, start + reader.ValueSpan.Length);
        }
    }
}
