using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Validation;
using static ClaudeProxy.Protocols.Doors.ChatCompletions.ChatCompletionsFields;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// An assistant message's <c>tool_calls</c> as <c>tool_use</c> blocks: arguments parsed, ids kept when
/// they are in Anthropic's alphabet, else sanitised the same way as the tool results that answer them.
/// </summary>
internal static class ChatCompletionsToolCalls
{
    /// <summary>Adds the message's tool calls, if any, to the assistant turn's blocks.</summary>
    public static void Add(JsonElement message, string path, List<HubBlock> blocks)
    {
        if (!TryGet(message, "tool_calls", out var toolCalls))
        {
            return;
        }

        var callsPath = path + ".tool_calls";
        if (toolCalls.ValueKind != JsonValueKind.Array)
        {
            throw ChatCompletionsProblem.At(callsPath, "expected an array");
        }

        var callIndex = 0;
        foreach (var call in toolCalls.EnumerateArray())
        {
            var callPath = Item(callsPath, callIndex++);
            Object(call, callPath);
            var id = RequiredNonEmptyString(call, "id", callPath + ".id");
            if (TryGet(call, "type", out var type))
            {
                String(type, callPath + ".type");
                if (!type.ValueEquals("function"u8))
                {
                    throw ChatCompletionsProblem.At(callPath + ".type", $"{Quote(type)} tool calls are not supported; only function");
                }
            }

            var function = Required(call, "function", callPath + ".function");
            Object(function, callPath + ".function");
            var name = RequiredString(function, "name", callPath + ".function.name");
            if (name.ValueEquals(""u8))
            {
                throw ChatCompletionsProblem.At(callPath + ".function.name", "must not be empty");
            }

            var input = Arguments(function, callPath + ".function.arguments");
            blocks.Add(new HubBlock(HubBlockKind.ToolUse, name, Id: ToolUseIds.Sanitize(id), Input: input));
        }
    }

    /// <summary>The arguments' JSON text, checked to be one object: <c>{}</c> for none or an empty string.</summary>
    private static byte[] Arguments(JsonElement function, string path)
    {
        if (!TryGet(function, "arguments", out var arguments))
        {
            return "{}"u8.ToArray();
        }

        if (arguments.ValueKind == JsonValueKind.Object)
        {
            // Lenient: some clients send the object itself.
            return JsonMarshal.GetRawUtf8Value(arguments).ToArray();
        }

        if (arguments.ValueKind != JsonValueKind.String)
        {
            throw ChatCompletionsProblem.At(path, "expected a string holding a JSON object");
        }

        var text = arguments.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "{}"u8.ToArray();
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw ChatCompletionsProblem.At(path, "must be a JSON object");
            }

            reader.Skip();
            if (reader.Read())
            {
                throw ChatCompletionsProblem.At(path, "must be a JSON object");
            }
        }
        catch (JsonException)
        {
            throw ChatCompletionsProblem.At(path, "must be a JSON object");
        }

        if (UnpairedSurrogates.In(utf8))
        {
            throw ChatCompletionsProblem.At(path, "the JSON holds an unpaired UTF-16 surrogate escape, which is no Unicode text");
        }

        return utf8;
    }
}
