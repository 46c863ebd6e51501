using System.Runtime.InteropServices;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>
/// A Messages request body parsed once, for every step after it: routing reads <see cref="Peek"/>,
/// translators walk <see cref="Root"/>, and a passthrough sends the bytes it was parsed from. Parsing
/// proves what <see cref="MessageRequestPeek"/> proves (one JSON object of valid UTF-8, nested at most
/// 64 deep, <c>model</c> a string and <c>stream</c> a boolean) at the cost of one pass. The document
/// reads the caller's buffer: dispose it before that buffer goes back to its pool.
/// </summary>
public sealed class ParsedMessageRequest : IDisposable
{
    private readonly JsonDocument _document;

    private ParsedMessageRequest(JsonDocument document, MessageRequestPeek peek)
    {
        _document = document;
        Peek = peek;
    }

    public MessageRequestPeek Peek { get; }

    /// <summary>The body's JSON object.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>Parses <paramref name="body"/>; null, with a message naming the problem, when routing cannot read it.</summary>
    public static ParsedMessageRequest? TryParse(ReadOnlyMemory<byte> body, out string? problem)
    {
        problem = null;
        var span = body.Span;
        problem = MessageRequestPeek.BodyProblem(span);
        if (problem is not null)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            problem = $"The request body is not valid JSON: {ex.Message}";
            return null;
        }

        try
        {
            if (ReadPeek(document.RootElement, span, out problem) is { } peek)
            {
                return new ParsedMessageRequest(document, peek);
            }
        }
        catch (InvalidOperationException ex)
        {
            // A model that cannot be decoded (a lone surrogate escape).
            problem = $"The request body is not valid JSON: {ex.Message}";
        }

        document.Dispose();
        return null;
    }

    public void Dispose() => _document.Dispose();

    private static MessageRequestPeek? ReadPeek(JsonElement root, ReadOnlySpan<byte> body, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "The request body must be a JSON object.";
            return null;
        }

        string? model = null;
        Range modelToken = default;
        var stream = false;

        // In order, so that of a key given twice the later one wins, as it would upstream.
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("model"u8))
            {
                var value = property.Value;
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        model = value.GetString();
                        body.Overlaps(JsonMarshal.GetRawUtf8Value(value), out var start);
                        modelToken = new Range(start, start + JsonMarshal.GetRawUtf8Value(value).Length);
                        break;
                    case JsonValueKind.Null:
                        model = null;
                        modelToken = default;
                        break;
                    default:
                        problem = "model: expected a string";
                        return null;
                }
            }
            else if (property.NameEquals("stream"u8))
            {
                if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                {
                    problem = "stream: expected a boolean";
                    return null;
                }

                stream = property.Value.ValueKind == JsonValueKind.True;
            }
        }

        return new MessageRequestPeek(model, modelToken, stream);
    }
}
