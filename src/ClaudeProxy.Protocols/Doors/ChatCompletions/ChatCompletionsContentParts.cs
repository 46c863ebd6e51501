using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// A message's <c>content</c>: a string or content parts. User texts and images (a base64 <c>data:</c>
/// URL or an http(s) URL), assistant texts and refusals, and the text-only content of system, developer
/// and tool messages. Blank texts are dropped: Anthropic refuses them.
/// </summary>
internal static class ChatCompletionsContentParts
{
    /// <summary>A user message's texts and images, in order; audio and file parts are a problem.</summary>
    public static void UserContent(JsonElement message, string path, List<HubBlock> blocks)
    {
        var contentPath = path + ".content";
        var content = Required(message, "content", contentPath);
        if (content.ValueKind == JsonValueKind.String)
        {
            AddText(content, blocks);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw DoorProblem.At(contentPath, "expected a string or an array of content parts");
        }

        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = Item(contentPath, index++);
            var type = PartType(part, partPath);
            switch (type.GetString())
            {
                case "text":
                    AddText(RequiredString(part, "text", partPath + ".text"), blocks);
                    break;
                case "image_url":
                    blocks.Add(Image(part, partPath));
                    break;
                case "input_audio":
                    throw DoorProblem.At(partPath, "input_audio parts are not supported: the model takes text and images");
                case "file":
                    throw DoorProblem.At(partPath, "file parts are not supported: send the text, or images as image_url parts");
                default:
                    throw DoorProblem.At(partPath + ".type", $"{Quote(type)} is not one of text, image_url");
            }
        }
    }

    /// <summary>An assistant message's texts: its content (text and refusal parts) then its <c>refusal</c>.</summary>
    public static void AssistantContent(JsonElement message, string path, List<HubBlock> blocks)
    {
        var contentPath = path + ".content";
        if (TryGet(message, "content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                AddText(content, blocks);
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var part in content.EnumerateArray())
                {
                    var partPath = Item(contentPath, index++);
                    var type = PartType(part, partPath);
                    switch (type.GetString())
                    {
                        case "text":
                            AddText(RequiredString(part, "text", partPath + ".text"), blocks);
                            break;
                        case "refusal":
                            AddText(RequiredString(part, "refusal", partPath + ".refusal"), blocks);
                            break;
                        default:
                            throw DoorProblem.At(partPath + ".type", $"{Quote(type)} is not one of text, refusal");
                    }
                }
            }
            else
            {
                throw DoorProblem.At(contentPath, "expected a string or an array of content parts");
            }
        }

        if (TryGet(message, "refusal", out var refusal))
        {
            String(refusal, path + ".refusal");
            AddText(refusal, blocks);
        }
    }

    private static HubBlock Image(JsonElement part, string path)
    {
        var imageUrl = Required(part, "image_url", path + ".image_url");
        var urlPath = path + ".image_url.url";
        JsonElement url;
        if (imageUrl.ValueKind == JsonValueKind.String)
        {
            // Some clients send the URL itself rather than {"url": …}.
            url = imageUrl;
            urlPath = path + ".image_url";
        }
        else
        {
            Object(imageUrl, path + ".image_url");
            url = RequiredString(imageUrl, "url", urlPath);
        }

        return HubImages.FromUrl(url, urlPath);
    }

    /// <summary>Checks a text-only content value (a string or text parts) and returns its strings, in order.</summary>
    public static List<JsonElement> TextContent(JsonElement content, string path)
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
            if (!type.ValueEquals("text"u8))
            {
                throw DoorProblem.At(partPath + ".type", $"{Quote(type)} is not supported here; only text");
            }

            texts.Add(RequiredString(part, "text", partPath + ".text"));
        }

        return texts;
    }

    private static JsonElement PartType(JsonElement part, string path)
    {
        Object(part, path);
        return RequiredString(part, "type", path + ".type");
    }

    private static void AddText(JsonElement text, List<HubBlock> into)
    {
        // Anthropic refuses empty and blank text blocks.
        if (AnthropicRequestJson.IsNonBlankText(text))
        {
            into.Add(HubBlock.Text(text));
        }
    }
}
