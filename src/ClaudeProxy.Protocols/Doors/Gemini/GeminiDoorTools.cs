using System.Runtime.InteropServices;
using System.Text.Json;
using static ClaudeProxy.Protocols.Doors.Gemini.GeminiDoorFields;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

using ClaudeProxy.Protocols.Doors.Hub;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// <c>tools</c> and <c>toolConfig</c>: function declarations become Anthropic tools; every other kind of
/// tool (<c>googleSearch</c>, <c>codeExecution</c>, <c>urlContext</c>, …) runs on Google's side, has no
/// hub equivalent, and is dropped and reported. <c>functionCallingConfig.mode</c> becomes the tool
/// choice: <c>AUTO</c> and <c>VALIDATED</c> auto, <c>ANY</c> any (the named tool when
/// <c>allowedFunctionNames</c> names exactly one; a longer list cannot be expressed and is ignored),
/// <c>NONE</c> none.
/// </summary>
internal static class GeminiDoorTools
{
    /// <summary>The function declarations, checked; the kinds of the dropped tools are added to <paramref name="dropped"/>.</summary>
    public static List<FunctionDeclaration> Read(JsonElement request, string parent, List<string> dropped)
    {
        var declarations = new List<FunctionDeclaration>();
        if (!TryGet(request, "tools", out var tools, out var key))
        {
            return declarations;
        }

        var toolsPath = Child(parent, key);
        Array(tools, toolsPath);
        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var toolPath = Item(toolsPath, index++);
            Object(tool, toolPath);
            foreach (var property in tool.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (!Is(property.Name, "functionDeclarations"))
                {
                    if (!dropped.Contains(property.Name))
                    {
                        dropped.Add(property.Name);
                    }

                    continue;
                }

                var listPath = Child(toolPath, property.Name);
                Array(property.Value, listPath);
                var declarationIndex = 0;
                foreach (var declaration in property.Value.EnumerateArray())
                {
                    declarations.Add(Declaration(declaration, Item(listPath, declarationIndex++)));
                }
            }
        }

        return declarations;
    }

    private static FunctionDeclaration Declaration(JsonElement declaration, string path)
    {
        Object(declaration, path);
        var name = RequiredName(declaration, "name", path);
        var description = default(JsonElement);
        if (TryGet(declaration, "description", out var descriptionElement, out var descriptionKey))
        {
            String(descriptionElement, Child(path, descriptionKey));
            description = descriptionElement;
        }

        var hasOpenApi = TryGet(declaration, "parameters", out var openApi, out var openApiKey);
        var hasJsonSchema = TryGet(declaration, "parametersJsonSchema", out var jsonSchema, out var jsonSchemaKey);
        if (hasOpenApi && hasJsonSchema)
        {
            throw DoorProblem.At(Child(path, jsonSchemaKey), $"set either {openApiKey} or {jsonSchemaKey}, not both");
        }

        return hasJsonSchema ? new FunctionDeclaration(name, description, jsonSchema, Child(path, jsonSchemaKey), IsJsonSchema: true)
            : hasOpenApi ? new FunctionDeclaration(name, description, openApi, Child(path, openApiKey), IsJsonSchema: false)
            : new FunctionDeclaration(name, description, default, path, IsJsonSchema: false);
    }

    /// <summary>The Anthropic tool choice type (auto, any, tool, none) and the forced tool's name; null type when the client set none.</summary>
    public static (string? Type, string? Name) ReadToolChoice(JsonElement request, string parent)
    {
        if (!TryGet(request, "toolConfig", out var config, out var configKey))
        {
            return (null, null);
        }

        var configPath = Child(parent, configKey);
        Object(config, configPath);
        if (!TryGet(config, "functionCallingConfig", out var calling, out var callingKey))
        {
            return (null, null);
        }

        var callingPath = Child(configPath, callingKey);
        Object(calling, callingPath);
        var allowed = AllowedNames(calling, callingPath);
        if (!TryGet(calling, "mode", out var mode, out var modeKey))
        {
            return (null, null);
        }

        return EnumName(mode, Child(callingPath, modeKey)) switch
        {
            "MODE_UNSPECIFIED" => (null, null),
            "AUTO" or "VALIDATED" => ("auto", null),
            "ANY" when allowed is [var only] => ("tool", only),
            "ANY" => ("any", null),
            "NONE" => ("none", null),
            _ => throw DoorProblem.At(Child(callingPath, modeKey), $"{Quote(mode)} is not one of AUTO, ANY, NONE, VALIDATED"),
        };
    }

    private static List<string> AllowedNames(JsonElement calling, string path)
    {
        var names = new List<string>();
        if (!TryGet(calling, "allowedFunctionNames", out var allowed, out var key))
        {
            return names;
        }

        var listPath = Child(path, key);
        Array(allowed, listPath);
        var index = 0;
        foreach (var name in allowed.EnumerateArray())
        {
            String(name, Item(listPath, index++));
            names.Add(name.GetString()!);
        }

        return names;
    }

    /// <summary>The tools and the tool choice; neither when there are no tools, since Anthropic refuses a tool choice without them.</summary>
    public static void Write(Utf8JsonWriter writer, List<FunctionDeclaration> declarations, string? choiceType, string? forcedName)
    {
        if (declarations.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tools"u8);
        foreach (var declaration in declarations)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("name"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(declaration.Name), skipInputValidation: true);
            if (declaration.Description.ValueKind == JsonValueKind.String)
            {
                writer.WritePropertyName("description"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(declaration.Description), skipInputValidation: true);
            }

            writer.WritePropertyName("input_schema"u8);
            if (declaration.Parameters.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteRawValue("""{"type":"object","properties":{}}"""u8, skipInputValidation: true);
            }
            else if (declaration.IsJsonSchema)
            {
                GeminiDoorSchema.WriteJsonSchema(writer, declaration.Parameters, declaration.ParametersPath);
            }
            else
            {
                GeminiDoorSchema.WriteOpenApiSchema(writer, declaration.Parameters, declaration.ParametersPath);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (choiceType is null)
        {
            return;
        }

        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, choiceType);
        if (forcedName is not null)
        {
            writer.WriteString("name"u8, forcedName);
        }

        writer.WriteEndObject();
    }

    /// <summary>One function: its name and description strings, and its parameters (undefined for none) with their path.</summary>
    internal readonly record struct FunctionDeclaration(JsonElement Name, JsonElement Description, JsonElement Parameters, string ParametersPath, bool IsJsonSchema);
}
