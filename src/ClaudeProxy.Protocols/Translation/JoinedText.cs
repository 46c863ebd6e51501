using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Writes text parts as one JSON string. The client's string tokens are already valid JSON (the
/// parser checked their UTF-8 and escapes), so their bytes between the quotes are copied as they
/// are, never decoded and escaped again; only the gateway's own literals are escaped.
/// </summary>
internal static class JoinedText
{
    /// <summary>Writes <paramref name="parts"/> joined by <paramref name="separator"/> as the next value of <paramref name="writer"/>.</summary>
    /// <param name="writer">Positioned where the string value goes.</param>
    /// <param name="parts">Text parts: the client's string tokens or the gateway's literals.</param>
    /// <typeparam name="TPiece">The protocol's own part type (a struct, so reading it costs no boxing).</typeparam>
    /// <param name="separator">Between parts, already escaped for JSON (<c>\n</c> as the two bytes <c>\</c> and <c>n</c>).</param>
    /// <param name="prefix">Text before the first part, unescaped; null for none.</param>
    public static void Write<TPiece>(Utf8JsonWriter writer, List<TPiece> parts, ReadOnlySpan<byte> separator, string? prefix = null)
        where TPiece : struct, ITextPiece
    {
        if (prefix is null && parts.Count == 1 && parts[0].Literal is null && parts[0].Source.ValueKind == JsonValueKind.String)
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(parts[0].Source), skipInputValidation: true);
            return;
        }

        var encodedPrefix = prefix is null ? default : Encode(prefix);
        JsonEncodedText[]? literals = null; // only the gateway's own texts need encoding, and most joins have none
        var length = 2 + encodedPrefix.EncodedUtf8Bytes.Length + (separator.Length * Math.Max(parts.Count - 1, 0));
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.Literal is { } literal)
            {
                literals ??= new JsonEncodedText[parts.Count];
                literals[i] = Encode(literal);
                length += literals[i].EncodedUtf8Bytes.Length;
            }
            else if (part.Source.ValueKind == JsonValueKind.String)
            {
                length += JsonMarshal.GetRawUtf8Value(part.Source).Length - 2;
            }
        }

        var scratch = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = scratch.AsSpan();
            var at = 0;
            span[at++] = (byte)'"';
            Append(span, ref at, encodedPrefix.EncodedUtf8Bytes);
            for (var i = 0; i < parts.Count; i++)
            {
                if (i > 0)
                {
                    Append(span, ref at, separator);
                }

                if (parts[i].Literal is not null)
                {
                    Append(span, ref at, literals![i].EncodedUtf8Bytes);
                }
                else if (parts[i].Source.ValueKind == JsonValueKind.String)
                {
                    Append(span, ref at, JsonMarshal.GetRawUtf8Value(parts[i].Source)[1..^1]);
                }
            }

            span[at++] = (byte)'"';
            writer.WriteRawValue(span[..at], skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static JsonEncodedText Encode(string literal) => JsonEncodedText.Encode(literal, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    private static void Append(Span<byte> into, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(into[at..]);
        at += bytes.Length;
    }
}

/// <summary>A piece of text: the client's JSON string element, or the gateway's own literal.</summary>
internal interface ITextPiece
{
    JsonElement Source { get; }

    string? Literal { get; }
}

/// <summary>A piece of text with nothing else attached.</summary>
internal readonly record struct TextPiece(JsonElement Source, string? Literal = null) : ITextPiece
{
    public static TextPiece Of(JsonElement jsonString) => new(jsonString);

    public static TextPiece Of(string literal) => new(default, literal);

    /// <summary>The text decoded, for the rare place that needs a .NET string.</summary>
    public string Value => Literal ?? (Source.ValueKind == JsonValueKind.String ? Source.GetString()! : "");
}
