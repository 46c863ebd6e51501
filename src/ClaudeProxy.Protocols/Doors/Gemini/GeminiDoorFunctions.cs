using System.Globalization;
using System.Text.Json;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Gemini.GeminiDoorFields;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

using ClaudeProxy.Protocols.Doors.Hub;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// <c>functionCall</c> parts as <c>tool_use</c> blocks and <c>functionResponse</c> parts as the
/// <c>tool_result</c> blocks that answer them. Gemini ids are optional, Anthropic's are not: a call
/// without one gets an id derived from its position (<c>toolu_gemini_3_1</c> for
/// <c>contents[3].parts[1]</c>), the same on every request, so a growing conversation keeps its bytes. A
/// response answers the unanswered call of the model turn before it that has its id, else the first
/// one with its name (Gemini pairs by name and order).
/// </summary>
internal sealed class GeminiDoorFunctions
{
    private readonly List<OpenCall> _open = [];

    /// <summary>A model turn begins: the calls of the one before can no longer be answered.</summary>
    public void BeginModelTurn() => _open.Clear();

    public GeminiDoorBlock Call(JsonElement call, string path, int contentIndex, int partIndex)
    {
        Object(call, path);
        var name = RequiredName(call, "name", path);
        var input = default(JsonElement);
        if (TryGet(call, "args", out var args, out var argsKey))
        {
            Object(args, Child(path, argsKey));
            input = args;
        }

        var clientId = OptionalId(call, path);
        var id = clientId is null
            ? string.Create(CultureInfo.InvariantCulture, $"toolu_gemini_{contentIndex}_{partIndex}")
            : ToolUseIds.Sanitize(clientId);
        _open.Add(new OpenCall(clientId, name.GetString()!, id));
        return new GeminiDoorBlock(GeminiDoorBlockKind.ToolUse, name, Id: id, Input: input);
    }

    public GeminiDoorBlock Response(JsonElement response, string path)
    {
        Object(response, path);
        var nameElement = RequiredName(response, "name", path);
        var name = nameElement.GetString()!;
        var clientId = OptionalId(response, path);
        var index = clientId is null ? -1 : _open.FindIndex(c => c.ClientId == clientId);
        if (index < 0)
        {
            index = _open.FindIndex(c => c.Name == name);
        }

        if (index < 0)
        {
            throw DoorProblem.At(path, $"answers no functionCall of the model turn before it (none named {Quote(nameElement)} is left unanswered)");
        }

        var id = _open[index].Id;
        _open.RemoveAt(index);
        var (content, isError, isJson) = Content(response, path);
        return new GeminiDoorBlock(GeminiDoorBlockKind.ToolResult, content, Id: id, IsError: isError, ContentIsJson: isJson, Images: Images(response, path));
    }

    /// <summary>
    /// <c>response.error</c> marks an error, its text (a string) the content; else <c>response.output</c>
    /// or <c>response.result</c> when a string (the shapes the Gemini CLI and Google's samples use);
    /// else the whole <c>response</c> object as JSON text.
    /// </summary>
    private static (JsonElement Content, bool IsError, bool IsJson) Content(JsonElement functionResponse, string path)
    {
        if (!TryGet(functionResponse, "response", out var response, out var key))
        {
            return (default, false, false);
        }

        Object(response, Child(path, key));
        if (response.TryGetProperty("error"u8, out var error) && error.ValueKind != JsonValueKind.Null)
        {
            return error.ValueKind == JsonValueKind.String ? (error, true, false) : (response, true, true);
        }

        foreach (var name in (ReadOnlySpan<string>)["output", "result"])
        {
            if (response.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
            {
                return (text, false, false);
            }
        }

        return response.EnumerateObject().Any() ? (response, false, true) : (default, false, false);
    }

    /// <summary>The images a function returned in <c>functionResponse.parts</c> (Gemini 3's multimodal function responses).</summary>
    private static List<GeminiDoorBlock>? Images(JsonElement functionResponse, string path)
    {
        if (!TryGet(functionResponse, "parts", out var parts, out var key))
        {
            return null;
        }

        var partsPath = Child(path, key);
        Array(parts, partsPath);
        var images = new List<GeminiDoorBlock>();
        var index = 0;
        foreach (var item in parts.EnumerateArray())
        {
            var part = GeminiDoorPart.Read(item, Item(partsPath, index++));
            if (part.Kind != GeminiDoorPartKind.InlineData)
            {
                throw DoorProblem.At(part.Path, "a function response part must hold inlineData");
            }

            var block = GeminiDoorMedia.Read(part.Data, part.Path);
            if (block.Kind != GeminiDoorBlockKind.Image)
            {
                throw DoorProblem.At(part.Path, "a function response can return images only");
            }

            images.Add(block);
        }

        return images;
    }

    private static string? OptionalId(JsonElement owner, string path)
    {
        if (!TryGet(owner, "id", out var id, out var key))
        {
            return null;
        }

        String(id, Child(path, key));
        return id.ValueEquals(""u8) ? null : id.GetString();
    }

    private readonly record struct OpenCall(string? ClientId, string Name, string Id);
}
