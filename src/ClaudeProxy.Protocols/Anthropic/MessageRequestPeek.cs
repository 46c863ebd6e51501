using System.Text.Json;
using System.Text.Unicode;

namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>
/// What routing needs from a Messages request body, read in one forward pass without building an
/// object graph: the <c>model</c> (and where its token sits, so it can be rewritten in place) and
/// <c>stream</c>. The pass also proves the whole body is well-formed JSON of valid UTF-8, nested at
/// most 64 deep. These are the only checks a <c>claude</c> channel's passthrough gets: the rest of the
/// body is Anthropic's to judge.
/// </summary>
public readonly record struct MessageRequestPeek(string? Model, Range ModelToken, bool Stream)
{
    /// <summary>
    /// Reads <paramref name="body"/>; returns null and a message naming the problem when it is not a JSON
    /// object, or when <c>model</c> is not a string or <c>stream</c> not a boolean (null counts as absent).
    /// </summary>
    public static MessageRequestPeek? TryRead(ReadOnlySpan<byte> body, out string? problem)
    {
        problem = null;
        string? model = null;
        Range modelToken = default;
        var stream = false;
        if (BodyProblem(body) is { } bodyProblem)
        {
            problem = bodyProblem;
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "The request body must be a JSON object.";
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        model = reader.GetString();
                        var start = (int)reader.TokenStartIndex;
                        // ValueSpan holds the raw (still escaped) text between the quotes.
                        modelToken = new Range(start, start + reader.ValueSpan.Length + 2);
                    }
                    else if (reader.TokenType == JsonTokenType.Null)
                    {
                        // A later null "model" wins over an earlier string, as it would upstream.
                        model = null;
                        modelToken = default;
                    }
                    else
                    {
                        problem = "model: expected a string";
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                    {
                        problem = "stream: expected a boolean";
                        return null;
                    }

                    stream = reader.TokenType == JsonTokenType.True;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // A trailing value after the object, or a truncated object, must fail too.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            problem = $"The request body is not valid JSON: {ex.Message}";
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // A string that cannot be decoded (invalid UTF-8, a lone surrogate escape).
            problem = $"The request body is not valid JSON: {ex.Message}";
            return null;
        }

        return new MessageRequestPeek(model, modelToken, stream);
    }

    /// <summary>
    /// What is wrong with a body before any JSON is read: nothing in it, or bytes that are not UTF-8
    /// (the JSON reader does not check the bytes inside strings, and an upstream must never get broken text).
    /// </summary>
    internal static string? BodyProblem(ReadOnlySpan<byte> body) =>
        body.Trim(" \t\r\n"u8).IsEmpty ? "The request body is empty; expected a JSON object."
        : !Utf8.IsValid(body) ? "The request body is not valid UTF-8."
        : null;
}
