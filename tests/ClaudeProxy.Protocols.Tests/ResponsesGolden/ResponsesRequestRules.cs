using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClaudeProxy.Protocols.Translation;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>
/// What every translated Responses request must satisfy whatever the fixture expects: only fields the
/// API knows at the top and no Anthropic-only field anywhere (the client's schemas aside);
/// <c>store: false</c>; input items of the kinds and shapes the API takes, none with an <c>id</c>
/// (nothing is stored to refer to), no blank text and no two messages of one role in a row; every
/// call id the client's, with the client's input as its arguments; every call answered by one
/// output before the user side says anything else (unless it closes the conversation), and every
/// output answering a call before it; function names in OpenAI's alphabet that map back to the
/// client's names; tools not strict, with the client's schema; reasoning asked for only with its
/// encrypted content included.
/// </summary>
internal static partial class ResponsesRequestRules
{
    private static readonly HashSet<string> TopLevelFields =
    [
        "model", "instructions", "input", "tools", "tool_choice", "parallel_tool_calls", "max_output_tokens",
        "temperature", "top_p", "reasoning", "include", "store", "stream", "safety_identifier", "prompt_cache_key",
    ];

    private static readonly HashSet<string> AnthropicOnlyFields =
    [
        "cache_control", "signature", "thinking", "redacted_thinking", "source", "budget_tokens", "tool_use_id", "is_error", "input_schema",
        "media_type", "stop_sequences", "top_k", "max_tokens", "system", "messages", "metadata", "tool_use",
        "tool_result", "disable_parallel_tool_use", "citations", "user",
    ];

    private static readonly HashSet<string?> UserPartTypes = ["input_text", "input_image", "input_file"];

    private static readonly HashSet<string?> OutputPartTypes = ["input_text", "input_image"];

    private static readonly HashSet<string?> Efforts = ["low", "medium", "high"];

    private static readonly HashSet<string?> Roles = ["user", "assistant"];

    public static void Check(JsonObject client, JsonObject body, ToolNameMap toolNames)
    {
        foreach (var (key, _) in body)
        {
            Assert.True(TopLevelFields.Contains(key), $"top-level field '{key}' is not one the Responses API takes");
        }

        Assert.False(Assert.IsType<bool>(body["store"]?.GetValue<bool>()), "store must be false");
        AssertNoAnthropicFields(body, "$");
        if (body["max_output_tokens"] is { } maxOutputTokens)
        {
            Assert.InRange(maxOutputTokens.GetValue<int>(), 16, int.MaxValue);
        }

        CheckReasoning(body);
        var clientCalls = ClientCalls(client);
        var clientNames = (client["tools"] as JsonArray ?? []).Select(t => (string)t!["name"]!)
            .Concat(clientCalls.Values.Select(c => (string)c["name"]!))
            .ToHashSet();
        CheckInput(Assert.IsType<JsonArray>(body["input"]), clientCalls, clientNames, toolNames);
        CheckTools(client, body, toolNames);
    }

    private static void CheckReasoning(JsonObject body)
    {
        if (body["reasoning"] is not JsonObject reasoning)
        {
            Assert.False(body.ContainsKey("include"), "include without reasoning");
            return;
        }

        Assert.Contains((string?)reasoning["effort"], Efforts);
        var include = Assert.IsType<JsonArray>(body["include"]).Select(i => (string?)i).ToList();
        Assert.Contains("reasoning.encrypted_content", include);
    }

    private static void CheckInput(JsonArray input, Dictionary<string, JsonObject> clientCalls, HashSet<string> clientNames, ToolNameMap toolNames)
    {
        var open = new List<string>();
        var answered = new HashSet<string>();
        var sentCalls = new HashSet<string>();
        string? previousRole = null;
        for (var i = 0; i < input.Count; i++)
        {
            var item = Assert.IsType<JsonObject>(input[i]);
            var where = $"input[{i}]";
            Assert.False(item.ContainsKey("id"), $"{where}: an item id, which store: false cannot resolve");
            var type = (string?)item["type"];
            string? role = null;
            switch (type)
            {
                case "message":
                    role = (string?)item["role"];
                    CheckMessage(item, role, where);
                    Assert.True(previousRole != role, $"{where}: two {role} messages in a row");
                    if (role == "user")
                    {
                        Assert.True(open.Count == 0, $"{where}: user message before the outputs of calls [{string.Join(", ", open)}]");
                    }

                    break;
                case "function_call":
                    var callId = Assert.IsType<string>((string?)item["call_id"]);
                    Assert.True(clientCalls.TryGetValue(callId, out var clientCall), $"{where}: call id {callId} is not one of the client's tool_use ids");
                    Assert.True(sentCalls.Add(callId), $"{where}: call {callId} sent twice");
                    var name = Assert.IsType<string>((string?)item["name"]);
                    Assert.Matches(FunctionName(), name);
                    Assert.Equal((string)clientCall["name"]!, toolNames.ToOriginal(name));
                    Assert.Contains(toolNames.ToOriginal(name), clientNames);
                    var arguments = JsonNode.Parse(Assert.IsType<string>((string?)item["arguments"]));
                    Assert.True(JsonNode.DeepEquals(clientCall["input"], arguments), $"{where}: arguments {arguments?.ToJsonString()} differ from the client's input");
                    open.Add(callId);
                    break;
                case "function_call_output":
                    var answers = Assert.IsType<string>((string?)item["call_id"]);
                    Assert.True(open.Remove(answers), $"{where}: output for {answers}, which no open call before it made");
                    Assert.True(answered.Add(answers), $"{where}: call {answers} answered twice");
                    CheckOutput(item["output"], where);
                    break;
                case "reasoning":
                    Assert.IsType<JsonArray>(item["summary"]);
                    Assert.False(string.IsNullOrEmpty((string?)item["encrypted_content"]), $"{where}: reasoning without encrypted_content");
                    break;
                default:
                    Assert.Fail($"{where}: item type '{type}' is not one this gateway sends");
                    break;
            }

            previousRole = role;
        }

        // Every call the client made reaches the upstream under its own id.
        Assert.Equal(clientCalls.Keys.Order(StringComparer.Ordinal), sentCalls.Order(StringComparer.Ordinal));
    }

    private static void CheckMessage(JsonObject message, string? role, string where)
    {
        Assert.Contains(role, Roles);
        var content = Assert.IsType<JsonArray>(message["content"]);
        Assert.NotEmpty(content);
        foreach (var part in content.Select(p => Assert.IsType<JsonObject>(p)))
        {
            var type = (string?)part["type"];
            if (role == "assistant")
            {
                Assert.Equal("output_text", type);
            }
            else
            {
                Assert.True(UserPartTypes.Contains(type), $"{where}: user part of type '{type}'");
            }

            CheckPart(part, where);
        }
    }

    private static void CheckOutput(JsonNode? output, string where)
    {
        if (output is JsonValue)
        {
            Assert.IsType<string>((string?)output);
            return;
        }

        foreach (var part in Assert.IsType<JsonArray>(output).Select(p => Assert.IsType<JsonObject>(p)))
        {
            Assert.Contains((string?)part["type"], OutputPartTypes);
            CheckPart(part, where);
        }
    }

    private static void CheckPart(JsonObject part, string where)
    {
        switch ((string?)part["type"])
        {
            case "input_text" or "output_text":
                Assert.False(string.IsNullOrWhiteSpace((string?)part["text"]), $"{where}: blank text");
                break;
            case "input_image":
                Assert.False(string.IsNullOrEmpty((string?)part["image_url"]), $"{where}: image without a URL");
                break;
            case "input_file":
                Assert.True(part.ContainsKey("file_data") != part.ContainsKey("file_url"), $"{where}: a file needs exactly one of file_data and file_url");
                break;
        }
    }

    private static void CheckTools(JsonObject client, JsonObject body, ToolNameMap toolNames)
    {
        var clientTools = (client["tools"] as JsonArray ?? []).Select(t => t!.AsObject()).Where(t => t["input_schema"] is not null).ToList();
        var tools = body["tools"] as JsonArray ?? [];
        foreach (var tool in tools.Select(t => Assert.IsType<JsonObject>(t)))
        {
            Assert.Equal("function", (string?)tool["type"]);
            Assert.False(tool["strict"]!.GetValue<bool>(), "tools must not be strict");
            var name = (string)tool["name"]!;
            Assert.Matches(FunctionName(), name);
            var original = clientTools.Find(t => (string?)t["name"] == toolNames.ToOriginal(name));
            Assert.True(original is not null, $"tool {name} maps back to no tool the client declared");
            Assert.True(JsonNode.DeepEquals(original["input_schema"], tool["parameters"]), $"tool {name}: parameters differ from the client's input_schema");
        }

        if (tools.Count == 0)
        {
            Assert.False(body.ContainsKey("tool_choice") || body.ContainsKey("parallel_tool_calls"), "tool settings without tools");
        }

        if (body["tool_choice"] is JsonObject forced)
        {
            Assert.Contains(tools, t => (string?)t!["name"] == (string?)forced["name"]);
        }
    }

    /// <summary>The client's tool calls by id; a call made twice under one id is the client's error, not the mapper's.</summary>
    private static Dictionary<string, JsonObject> ClientCalls(JsonObject client)
    {
        var calls = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var message in client["messages"] as JsonArray ?? [])
        {
            if ((string?)message!["role"] == "assistant" && message["content"] is JsonArray blocks)
            {
                foreach (var block in blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == "tool_use"))
                {
                    calls[(string)block["id"]!] = block;
                }
            }
        }

        return calls;
    }

    /// <summary>No Anthropic-only field anywhere, except inside the client's schemas, which may name anything.</summary>
    private static void AssertNoAnthropicFields(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Assert.False(AnthropicOnlyFields.Contains(key), $"{path}.{key}: an Anthropic-only field leaked");
                    if (key != "parameters")
                    {
                        AssertNoAnthropicFields(value, $"{path}.{key}");
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    AssertNoAnthropicFields(array[i], $"{path}[{i}]");
                }

                break;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();
}
