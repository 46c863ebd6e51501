using System.Runtime.InteropServices;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>
/// One tool as Anthropic takes it. The client's strings and schema are copied as they are.
/// </summary>
/// <param name="Name">The name string.</param>
/// <param name="Description">The description string; undefined for none.</param>
/// <param name="Parameters">The JSON Schema object of the input; undefined for an input of no properties.</param>
/// <param name="FreeformInput">
/// For a tool whose input is free-form text: what that text must be. Its input is then one string
/// property, <c>input</c>, described by this; <paramref name="Parameters"/> is not used.
/// </param>
internal readonly record struct HubTool(JsonElement Name, JsonElement Description, JsonElement Parameters, string? FreeformInput = null);

/// <summary>Writes the hub's <c>tools</c> and <c>tool_choice</c>.</summary>
internal static class HubTools
{
    /// <summary>A <c>tool_choice</c> given as a string, as the Anthropic choice type: <c>required</c> is <c>any</c>.</summary>
    public static string NamedChoice(JsonElement choice) => choice.GetString() switch
    {
        "auto" => "auto",
        "none" => "none",
        "required" => "any",
        _ => throw DoorProblem.At("tool_choice", $"{DoorFields.Quote(choice)} is not one of none, auto, required"),
    };

    /// <summary>The name of the single property of a free-form tool's input.</summary>
    public const string FreeformProperty = "input";

    /// <summary>The tools and the tool choice; neither when there are no tools, since Anthropic refuses a tool choice without them.</summary>
    /// <param name="writer">Inside the request object.</param>
    /// <param name="tools">The tools, in the client's order.</param>
    /// <param name="choiceType">Anthropic's tool choice type (auto, none, any, tool); null when the client gave none.</param>
    /// <param name="forcedName">The name string of the forced tool (type tool).</param>
    /// <param name="disableParallel">The client turned parallel tool calls off.</param>
    public static void Write(Utf8JsonWriter writer, List<HubTool> tools, string? choiceType, JsonElement forcedName, bool disableParallel)
    {
        if (tools.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tools"u8);
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("name"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(tool.Name), skipInputValidation: true);
            if (tool.Description.ValueKind == JsonValueKind.String)
            {
                writer.WritePropertyName("description"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(tool.Description), skipInputValidation: true);
            }

            writer.WritePropertyName("input_schema"u8);
            if (tool.FreeformInput is { } freeform)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "object"u8);
                writer.WriteStartObject("properties"u8);
                writer.WriteStartObject(FreeformProperty);
                writer.WriteString("type"u8, "string"u8);
                writer.WriteString("description"u8, freeform);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteStartArray("required"u8);
                writer.WriteStringValue(FreeformProperty);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            else if (tool.Parameters.ValueKind == JsonValueKind.Object)
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(tool.Parameters), skipInputValidation: true);
            }
            else
            {
                writer.WriteRawValue("""{"type":"object","properties":{}}"""u8, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var type = choiceType ?? (disableParallel ? "auto" : null);
        if (type is null)
        {
            return;
        }

        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, type);
        if (type == "tool")
        {
            writer.WritePropertyName("name"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(forcedName), skipInputValidation: true);
        }

        if (disableParallel && type != "none")
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        writer.WriteEndObject();
    }
}
