using System.Text.Json;
using static ClaudeProxy.Protocols.Doors.Gemini.GeminiDoorFields;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

using ClaudeProxy.Protocols.Doors.Hub;

namespace ClaudeProxy.Protocols.Doors.Gemini;

internal enum GeminiDoorPartKind
{
    None,
    Text,
    InlineData,
    FileData,
    FunctionCall,
    FunctionResponse,
    ExecutableCode,
    CodeExecutionResult,
}

/// <summary>
/// One Gemini part, sorted by the one data field it holds, with the <c>thought</c> flag and the
/// <c>thoughtSignature</c> that may come with it. Other metadata (<c>videoMetadata</c>,
/// <c>partMetadata</c>, …) is ignored.
/// </summary>
/// <param name="Kind">Which data field the part holds.</param>
/// <param name="Data">That field's value.</param>
/// <param name="Path">The JSON path of that field (the part's own path for <see cref="GeminiDoorPartKind.None"/>).</param>
/// <param name="Thought">True for the model's thought text.</param>
/// <param name="Signature">The thought signature, when the part has one.</param>
internal readonly record struct GeminiDoorPart(GeminiDoorPartKind Kind, JsonElement Data, string Path, bool Thought, string? Signature)
{
    public static GeminiDoorPart Read(JsonElement part, string path)
    {
        Object(part, path);
        var kind = GeminiDoorPartKind.None;
        var data = default(JsonElement);
        var dataPath = path;
        var thought = false;
        string? signature = null;
        foreach (var property in part.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var key = property.Name;
            var found = DataKind(key);
            if (found != GeminiDoorPartKind.None)
            {
                if (kind != GeminiDoorPartKind.None)
                {
                    throw DoorProblem.At(path, $"holds both {Leaf(dataPath)} and {key}; a part holds one kind of data");
                }

                (kind, data, dataPath) = (found, property.Value, Child(path, key));
            }
            else if (key == "thought")
            {
                thought = Boolean(property.Value, Child(path, key));
            }
            else if (Is(key, "thoughtSignature"))
            {
                String(property.Value, Child(path, key));
                signature = property.Value.GetString();
            }
        }

        return new GeminiDoorPart(kind, data, dataPath, thought, signature);
    }

    private static GeminiDoorPartKind DataKind(string key) => key switch
    {
        "text" => GeminiDoorPartKind.Text,
        "inlineData" or "inline_data" => GeminiDoorPartKind.InlineData,
        "fileData" or "file_data" => GeminiDoorPartKind.FileData,
        "functionCall" or "function_call" => GeminiDoorPartKind.FunctionCall,
        "functionResponse" or "function_response" => GeminiDoorPartKind.FunctionResponse,
        "executableCode" or "executable_code" => GeminiDoorPartKind.ExecutableCode,
        "codeExecutionResult" or "code_execution_result" => GeminiDoorPartKind.CodeExecutionResult,
        _ => GeminiDoorPartKind.None,
    };

    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];
}
