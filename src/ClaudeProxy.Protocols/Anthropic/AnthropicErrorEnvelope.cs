using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>
/// Writes and recognises <c>{"type":"error","error":{"type":…,"message":…},"request_id":…}</c>,
/// the only error shape the Anthropic SDKs and Claude Code can parse.
/// </summary>
public static class AnthropicErrorEnvelope
{
    // Messages are read by people: keep quotes and non-ASCII text as they are (still valid JSON).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToUtf8Bytes(string errorType, string message, string? requestId)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + message.Length);
        Write(buffer, errorType, message, requestId);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(IBufferWriter<byte> output, string errorType, string message, string? requestId)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "error"u8);
        writer.WriteStartObject("error"u8);
        writer.WriteString("type"u8, errorType);
        writer.WriteString("message"u8, message);
        writer.WriteEndObject();
        if (requestId is not null)
        {
            writer.WriteString("request_id"u8, requestId);
        }

        writer.WriteEndObject();
    }

    /// <summary>The <c>error.type</c> and <c>error.message</c> of an envelope; false when it has no <c>error</c> object.</summary>
    public static bool TryReadError(ReadOnlySpan<byte> envelope, out string? errorType, out string? message)
    {
        errorType = null;
        message = null;
        try
        {
            var reader = new Utf8JsonReader(envelope);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                if (!isError || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var field = reader.ValueTextEquals("type"u8) ? 1 : reader.ValueTextEquals("message"u8) ? 2 : 0;
                    reader.Read();
                    if (field != 0 && reader.TokenType == JsonTokenType.String)
                    {
                        if (field == 1)
                        {
                            errorType = reader.GetString();
                        }
                        else
                        {
                            message = reader.GetString();
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return true;
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when <paramref name="body"/> already is an Anthropic error envelope, so it can be relayed as it is.
    /// </summary>
    public static bool IsEnvelope(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var typeIsError = false;
            var hasErrorObject = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    typeIsError = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    hasErrorObject = reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // Anything after the object means this is not one envelope that can be relayed as it is.
            return typeIsError && hasErrorObject && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
