using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// A message's <c>content</c> and a tool call's <c>output</c>: a string or content parts. Texts
/// (<c>input_text</c>, <c>output_text</c>, a <c>refusal</c>'s text) and images (<c>input_image</c> with a
/// base64 <c>data:</c> URL or an http(s) URL); files and audio are a problem. Blank texts are dropped:
/// Anthropic refuses them.
/// </summary>
internal static class ResponsesContentParts
{
    /// <summary>A user (<paramref name="allowImages"/>) or assistant message's texts and images, in order.</summary>
    public static void Message(JsonElement content, string path, bool allowImages, List<HubBlock> blocks)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            AddText(content, blocks);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw DoorProblem.At(path, "expected a string or an array of content parts");
        }

        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = Item(path, index++);
            var type = PartType(part, partPath);
            switch (type.GetString())
            {
                case "input_text" or "output_text":
                    AddText(RequiredString(part, "text", partPath + ".text"), blocks);
                    break;
                case "refusal":
                    AddText(RequiredString(part, "refusal", partPath + ".refusal"), blocks);
                    break;
                case "input_image" when allowImages:
                    blocks.Add(Image(part, partPath));
                    break;
                case "input_image":
                    throw DoorProblem.At(partPath, "images are not supported in an assistant message");
                case "input_file":
                    throw DoorProblem.At(partPath, "input_file parts are not supported: send the text, or images as input_image parts");
                case "input_audio":
                    throw DoorProblem.At(partPath, "input_audio parts are not supported: the model takes text and images");
                default:
                    throw DoorProblem.At(partPath + ".type", $"{Quote(type)} is not one of input_text, output_text, refusal, input_image");
            }
        }
    }

    /// <summary>A system or developer message's texts (a string or text parts), in order.</summary>
    public static List<JsonElement> Texts(JsonElement content, string path)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return [content];
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw DoorProblem.At(path, "expected a string or an array of text parts");
        }

        var texts = new List<JsonElement>();
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = Item(path, index++);
            var type = PartType(part, partPath);
            if (!type.ValueEquals("input_text"u8) && !type.ValueEquals("output_text"u8))
            {
                throw DoorProblem.At(partPath + ".type", $"{Quote(type)} is not supported here; only input_text");
            }

            texts.Add(RequiredString(part, "text", partPath + ".text"));
        }

        return texts;
    }

    /// <summary>A tool call's <c>output</c> as a <c>tool_result</c> block answering <paramref name="id"/>.</summary>
    public static HubBlock ToolResult(JsonElement output, string path, string id)
    {
        if (output.ValueKind == JsonValueKind.String)
        {
            return new HubBlock(HubBlockKind.ToolResult, output, Id: id);
        }

        if (output.ValueKind != JsonValueKind.Array)
        {
            throw DoorProblem.At(path, "expected a string or an array of input_text and input_image parts");
        }

        var blocks = new List<HubBlock>();
        Message(output, path, allowImages: true, blocks);
        return new HubBlock(HubBlockKind.ToolResult, default, Id: id, Content: blocks);
    }

    private static HubBlock Image(JsonElement part, string path)
    {
        if (TryGet(part, "file_id", out _))
        {
            throw DoorProblem.At(path + ".file_id", "uploaded files are not supported: send the image as image_url (a base64 data URL or an http(s) URL)");
        }

        return HubImages.FromUrl(RequiredString(part, "image_url", path + ".image_url"), path + ".image_url");
    }

    private static JsonElement PartType(JsonElement part, string path)
    {
        Object(part, path);
        return RequiredString(part, "type", path + ".type");
    }

    private static void AddText(JsonElement text, List<HubBlock> into)
    {
        if (AnthropicRequestJson.IsNonBlankText(text))
        {
            into.Add(HubBlock.Text(text));
        }
    }
}
