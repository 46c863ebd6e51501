using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Validation.JsonFields;

namespace ClaudeProxy.Protocols.Validation;

/// <summary>
/// Checks the shape of an Anthropic Messages request before a translator reads it: every field a
/// translator reads has the type and range the API documents, so a malformed request is a 400 that
/// names the field (<c>messages.0.content.0.text: expected a string</c>) instead of an exception deep
/// in a mapper. It walks the already-parsed document and allocates nothing when the request is valid.
/// Unknown top-level fields (<c>context_management</c>, <c>mcp_servers</c>, …) are left alone, and an
/// optional field may be <c>null</c>, as clients built on other SDKs send it.
/// </summary>
public static class MessageRequestValidator
{
    /// <summary>Throws a <see cref="TranslationException"/> naming the first field that is missing, mistyped or out of range.</summary>
    public static void Validate(JsonElement request)
    {
        var root = JsonPath.Root;
        if (request.ValueKind != JsonValueKind.Object)
        {
            throw new TranslationException("The request body must be a JSON object.");
        }

        // The parser does not check the bytes inside strings; decoding or copying them later would fail or pass garbage on.
        var body = JsonMarshal.GetRawUtf8Value(request);
        if (!Utf8.IsValid(body))
        {
            throw new TranslationException("The request body is not valid UTF-8.");
        }

        // One scan of the whole body, before anything here or in a translator decodes a string (schemas and
        // tool inputs included); only a body that holds such an escape is walked again, to name the field.
        if (UnpairedSurrogates.In(body))
        {
            var at = UnpairedSurrogates.Locate(body);
            throw at.IsRoot
                ? new TranslationException("The request body holds an unpaired UTF-16 surrogate escape (such as \\ud800 alone), which is no Unicode text.")
                : Problem(at, "the string holds an unpaired UTF-16 surrogate escape, which is no Unicode text");
        }

        RequiredNonEmptyString(request, "model", root);
        Integer(Required(request, "max_tokens", root), root.Property("max_tokens"), min: 1);
        Messages(RequiredArray(request, "messages", root), root.Property("messages"));
        if (TryGet(request, "system", out var system))
        {
            ContentBlockValidator.Content(system, root.Property("system"), AnthropicBlockTypes.InSystem);
        }

        if (OptionalArray(request, "stop_sequences", root, out var stops))
        {
            var index = 0;
            foreach (var stop in stops.EnumerateArray())
            {
                String(stop, root.Property("stop_sequences").Item(index++));
            }
        }

        OptionalNumber(request, "temperature", root, 0, 1);
        OptionalNumber(request, "top_p", root, 0, 1);
        OptionalInteger(request, "top_k", root, min: 0);
        OptionalBoolean(request, "stream", root);
        if (OptionalObject(request, "metadata", root, out var metadata))
        {
            OptionalString(metadata, "user_id", root.Property("metadata"));
        }

        if (OptionalArray(request, "tools", root, out var tools))
        {
            var index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                Tool(tool, root.Property("tools").Item(index++));
            }
        }

        if (OptionalObject(request, "tool_choice", root, out var toolChoice))
        {
            ToolChoice(toolChoice, root.Property("tool_choice"));
        }

        if (OptionalObject(request, "thinking", root, out var thinking))
        {
            Thinking(thinking, root.Property("thinking"));
        }

        if (OptionalObject(request, "output_config", root, out var outputConfig))
        {
            OptionalString(outputConfig, "effort", root.Property("output_config"));
        }

        ContentBlockValidator.OptionalCacheControl(request, root);
    }

    private static void Messages(JsonElement messages, in JsonPath path)
    {
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var messagePath = path.Item(index++);
            Object(message, messagePath);
            OneOf(Required(message, "role", messagePath), messagePath.Property("role"), "user", "assistant", "system");
            ContentBlockValidator.Content(Required(message, "content", messagePath), messagePath.Property("content"), AnthropicBlockTypes.InMessages);
        }
    }

    /// <summary>A custom tool (no <c>type</c>, or <c>custom</c>) needs a name and a schema; server tools are dropped by translators, so only their type is read.</summary>
    private static void Tool(JsonElement tool, in JsonPath path)
    {
        Object(tool, path);
        if (TryGet(tool, "type", out var type))
        {
            String(type, path.Property("type"));
            if (!type.ValueEquals("custom"u8))
            {
                OptionalString(tool, "name", path);
                return;
            }
        }

        RequiredNonEmptyString(tool, "name", path);
        RequiredObject(tool, "input_schema", path);
        OptionalString(tool, "description", path);
        ContentBlockValidator.OptionalCacheControl(tool, path);
    }

    private static void ToolChoice(JsonElement toolChoice, in JsonPath path)
    {
        if (OneOf(Required(toolChoice, "type", path), path.Property("type"), "auto", "any", "tool", "none") == 2)
        {
            RequiredNonEmptyString(toolChoice, "name", path);
        }

        OptionalBoolean(toolChoice, "disable_parallel_tool_use", path);
    }

    /// <summary>
    /// <c>budget_tokens</c> of at least 1024, as Anthropic requires. It may reach <c>max_tokens</c>:
    /// with interleaved thinking (Claude Code asks for it) the API allows that.
    /// </summary>
    private static void Thinking(JsonElement thinking, in JsonPath path)
    {
        if (OneOf(Required(thinking, "type", path), path.Property("type"), "enabled", "disabled", "adaptive") == 0)
        {
            Integer(Required(thinking, "budget_tokens", path), path.Property("budget_tokens"), min: 1024);
        }
        else
        {
            OptionalInteger(thinking, "budget_tokens", path, min: 0);
        }

        OptionalString(thinking, "display", path);
    }
}
