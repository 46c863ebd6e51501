using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// The client's tools as Responses <c>function</c> tools, with <c>tool_choice</c> and
/// <c>parallel_tool_calls</c>. Anthropic server tools are left out with a note (see
/// <see cref="AnthropicRequestJson.CustomTools"/>).
/// </summary>
internal static class ResponsesFunctionTools
{
    public static void Write(Utf8JsonWriter writer, JsonElement root, ToolNameMap toolNames, List<string> notes)
    {
        var written = 0;
        foreach (var (name, tool) in AnthropicRequestJson.CustomTools(root, notes, "a Responses upstream"))
        {
            if (written++ == 0)
            {
                writer.WriteStartArray("tools"u8);
            }

            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteString("name"u8, toolNames.ToUpstream(name));
            if (tool.TryGetProperty("description"u8, out var description) && description.ValueKind == JsonValueKind.String)
            {
                writer.WritePropertyName("description"u8);
                writer.WriteRawValue(AnthropicRequestJson.RawToken(description), skipInputValidation: true);
            }

            writer.WritePropertyName("parameters"u8);
            if (tool.TryGetProperty("input_schema"u8, out var schema) && schema.ValueKind == JsonValueKind.Object)
            {
                writer.WriteRawValue(AnthropicRequestJson.RawToken(schema), skipInputValidation: true);
            }
            else
            {
                writer.WriteRawValue("""{"type":"object","properties":{}}"""u8, skipInputValidation: true);
            }

            // Strict is the Responses default, and it rejects the schemas clients write (optional properties,
            // no additionalProperties: false); Anthropic does not enforce schemas either.
            writer.WriteBoolean("strict"u8, false);
            writer.WriteEndObject();
        }

        if (written == 0)
        {
            // No tools: tool_choice and parallel_tool_calls would mean nothing.
            return;
        }

        writer.WriteEndArray();
        WriteChoice(writer, root, toolNames);
    }

    /// <summary><c>auto</c>, <c>required</c> (Anthropic's <c>any</c>), <c>none</c>, or one function by name.</summary>
    private static void WriteChoice(Utf8JsonWriter writer, JsonElement root, ToolNameMap toolNames)
    {
        if (!root.TryGetProperty("tool_choice"u8, out var choice) || choice.ValueKind != JsonValueKind.Object
            || !choice.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
        {
            return;
        }

        writer.WritePropertyName("tool_choice"u8);
        if (type.ValueEquals("any"u8))
        {
            writer.WriteStringValue("required"u8);
        }
        else if (type.ValueEquals("none"u8))
        {
            writer.WriteStringValue("none"u8);
        }
        else if (type.ValueEquals("tool"u8) && choice.TryGetProperty("name"u8, out var forced) && forced.ValueKind == JsonValueKind.String)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteString("name"u8, toolNames.ToUpstream(forced.GetString()!));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue("auto"u8);
        }

        if (choice.TryGetProperty("disable_parallel_tool_use"u8, out var disableParallel) && disableParallel.ValueKind == JsonValueKind.True)
        {
            writer.WriteBoolean("parallel_tool_calls"u8, false);
        }
    }
}
