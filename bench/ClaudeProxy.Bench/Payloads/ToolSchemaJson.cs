using System.Text.Json;

namespace ClaudeProxy.Bench.Payloads;

/// <summary>The end every tool of the bench payloads shares: its schema's required list, closed as Claude Code's schemas are.</summary>
internal static class ToolSchemaJson
{
    /// <summary>Closes <c>properties</c>, writes <c>required</c>, <c>additionalProperties: false</c> and <c>$schema</c>, then closes the schema and the tool.</summary>
    public static void WriteRequiredAndClose(Utf8JsonWriter writer, IEnumerable<string> required)
    {
        writer.WriteEndObject();
        writer.WriteStartArray("required");
        foreach (var name in required)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteString("$schema", "http://json-schema.org/draft-07/schema#");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
