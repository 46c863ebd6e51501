using System.Text.Json;

namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>
/// Reads the token usage out of what a client receives in Anthropic form: a message's
/// <c>usage</c> object, or the <c>message_start</c> and <c>message_delta</c> events of a stream
/// (the delta's numbers are cumulative and replace the start's where present).
/// </summary>
public static class AnthropicUsageReader
{
    /// <summary>The <c>usage</c> of a message body; false when the body has none.</summary>
    public static bool TryReadMessage(ReadOnlySpan<byte> message, out AnthropicUsage usage)
    {
        usage = default;
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isUsage && reader.TokenType == JsonTokenType.StartObject)
                {
                    usage = ReadUsageObject(ref reader, default);
                    return true;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not a message: no usage to report.
        }

        return false;
    }

    /// <summary>Folds one stream event into <paramref name="usage"/>; events other than <c>message_start</c>/<c>message_delta</c> change nothing.</summary>
    public static AnthropicUsage Fold(AnthropicUsage usage, ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        var isStart = eventName.SequenceEqual("message_start"u8);
        if (!isStart && !eventName.SequenceEqual("message_delta"u8))
        {
            return usage;
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return usage;
            }

            // message_start: {"message":{…,"usage":{…}}}; message_delta: {…,"usage":{…}}.
            if (isStart && !(MoveToProperty(ref reader, "message"u8) && reader.TokenType == JsonTokenType.StartObject))
            {
                return usage;
            }

            return MoveToProperty(ref reader, "usage"u8) && reader.TokenType == JsonTokenType.StartObject
                ? ReadUsageObject(ref reader, usage)
                : usage;
        }
        catch (JsonException)
        {
            return usage;
        }
    }

    /// <summary>Advances to the value of <paramref name="name"/> among the current object's properties.</summary>
    private static bool MoveToProperty(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static AnthropicUsage ReadUsageObject(ref Utf8JsonReader reader, AnthropicUsage usage)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("input_tokens"u8) ? 1
                : reader.ValueTextEquals("output_tokens"u8) ? 2
                : reader.ValueTextEquals("cache_read_input_tokens"u8) ? 3
                : reader.ValueTextEquals("cache_creation_input_tokens"u8) ? 4
                : 0;
            reader.Read();
            if (field == 0 || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
            {
                reader.Skip();
                continue;
            }

            usage = field switch
            {
                1 => usage with { InputTokens = value },
                2 => usage with { OutputTokens = value },
                3 => usage with { CacheReadInputTokens = value },
                _ => usage with { CacheCreationInputTokens = value },
            };
        }

        return usage;
    }
}
