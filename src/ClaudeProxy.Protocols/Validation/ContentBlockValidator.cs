using System.Text.Json;
using static ClaudeProxy.Protocols.Validation.JsonFields;

namespace ClaudeProxy.Protocols.Validation;

/// <summary>
/// Checks content blocks — of messages, tool results, documents, search results and the system
/// prompt — and the sources of images and documents: every field a translator reads has its type,
/// and every block has a <c>type</c> the API knows. Fields no translator reads (citations, the
/// payloads of server tool results, …) are left to the upstream that takes them.
/// </summary>
internal static class ContentBlockValidator
{
    private static readonly string[] ImageMediaTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    /// <summary>A content value: a string, or an array of blocks of the <paramref name="allowed"/> types.</summary>
    public static void Content(JsonElement content, in JsonPath path, string[] allowed)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                String(content, path);
                break;
            case JsonValueKind.Array:
                Blocks(content, path, allowed);
                break;
            default:
                throw Problem(path, "expected a string or an array of content blocks");
        }
    }

    public static void Blocks(JsonElement blocks, in JsonPath path, string[] allowed)
    {
        var index = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            Block(block, path.Item(index++), allowed);
        }
    }

    public static void Block(JsonElement block, in JsonPath path, string[] allowed)
    {
        Object(block, path);
        var type = Required(block, "type", path);
        var typePath = path.Property("type");
        String(type, typePath);
        var known = IndexOfAscii(type, allowed);
        if (known < 0)
        {
            throw Problem(typePath, ReferenceEquals(allowed, AnthropicBlockTypes.InMessages)
                ? $"{Quote(type)} is not a content block type"
                : $"{Quote(type)} is not one of {string.Join(", ", allowed)}");
        }

        OptionalCacheControl(block, path);
        switch (allowed[known])
        {
            case "text":
                RequiredString(block, "text", path);
                break;
            case "image":
                ImageSource(RequiredObject(block, "source", path), path.Property("source"));
                break;
            case "document":
                DocumentSource(RequiredObject(block, "source", path), path.Property("source"));
                OptionalString(block, "title", path);
                OptionalString(block, "context", path);
                break;
            case "search_result":
                RequiredString(block, "source", path);
                RequiredString(block, "title", path);
                Blocks(RequiredArray(block, "content", path), path.Property("content"), AnthropicBlockTypes.InSearchResults);
                break;
            case "thinking":
                RequiredString(block, "thinking", path);
                RequiredString(block, "signature", path);
                break;
            case "redacted_thinking":
                RequiredString(block, "data", path);
                break;
            case "tool_use" or "server_tool_use" or "mcp_tool_use":
                RequiredString(block, "id", path);
                RequiredString(block, "name", path);
                RequiredObject(block, "input", path);
                break;
            case "tool_result":
                RequiredString(block, "tool_use_id", path);
                OptionalBoolean(block, "is_error", path);
                if (TryGet(block, "content", out var content))
                {
                    Content(content, path.Property("content"), AnthropicBlockTypes.InToolResults);
                }

                break;
            case "web_search_tool_result" or "web_fetch_tool_result" or "code_execution_tool_result" or "bash_code_execution_tool_result"
                or "text_editor_code_execution_tool_result" or "tool_search_tool_result" or "advisor_tool_result" or "mcp_tool_result":
                RequiredString(block, "tool_use_id", path);
                break;
            case "container_upload":
                RequiredString(block, "file_id", path);
                break;
        }
    }

    /// <summary><c>cache_control</c> is dropped by translators, but a malformed one is still a malformed request.</summary>
    public static void OptionalCacheControl(JsonElement owner, in JsonPath ownerPath)
    {
        if (OptionalObject(owner, "cache_control", ownerPath, out var cacheControl))
        {
            var path = ownerPath.Property("cache_control");
            RequiredString(cacheControl, "type", path);
            OptionalString(cacheControl, "ttl", path);
        }
    }

    private static void ImageSource(JsonElement source, in JsonPath path)
    {
        switch (OneOf(Required(source, "type", path), path.Property("type"), "base64", "url", "file"))
        {
            case 0:
                OneOf(Required(source, "media_type", path), path.Property("media_type"), ImageMediaTypes);
                RequiredString(source, "data", path);
                break;
            case 1:
                RequiredString(source, "url", path);
                break;
            default:
                RequiredString(source, "file_id", path);
                break;
        }
    }

    private static void DocumentSource(JsonElement source, in JsonPath path)
    {
        switch (OneOf(Required(source, "type", path), path.Property("type"), "base64", "text", "content", "url", "file"))
        {
            case 0:
                RequiredString(source, "media_type", path);
                RequiredString(source, "data", path);
                break;
            case 1:
                OptionalString(source, "media_type", path);
                RequiredString(source, "data", path);
                break;
            case 2:
                Content(Required(source, "content", path), path.Property("content"), AnthropicBlockTypes.InDocumentContent);
                break;
            case 3:
                RequiredString(source, "url", path);
                break;
            default:
                RequiredString(source, "file_id", path);
                break;
        }
    }
}
