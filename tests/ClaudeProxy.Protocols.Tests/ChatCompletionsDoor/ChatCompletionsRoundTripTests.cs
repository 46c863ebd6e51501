using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Protocols.Validation;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.AnthropicEvents;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.ChatDoor;

namespace ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;

/// <summary>
/// The door end to end: a coding agent's Chat Completions request becomes a hub request the gateway's
/// own validator accepts, and the hub's streamed answer comes back as chunks the client reassembles
/// into exactly the tool calls the model made.
/// </summary>
public sealed class ChatCompletionsRoundTripTests
{
    private const string BashArguments = """{"command":"git status --short && ls -la \"src dir\"","description":"Show changes","timeout":120000}""";
    private const string ReadArguments = """{"file_path":"/repo/src/Program.cs","offset":10,"limit":200}""";

    /// <summary>A second turn of an agent's tool loop, the way Claude Code-like clients speaking Chat Completions send it.</summary>
    private static readonly string AgentRequest = Messages($$$"""
        [{"role":"system","content":"You are an interactive CLI tool that helps users with software engineering tasks."},
         {"role":"user","content":[{"type":"text","text":"<system-reminder>\nToday is Monday.\n</system-reminder>"},{"type":"text","text":"Why does the build fail?"}]},
         {"role":"assistant","content":"I'll look at the repository.","tool_calls":[
           {"id":"call_bash_1","type":"function","function":{"name":"Bash","arguments":{{{Quote(BashArguments)}}}}},
           {"id":"call_read_2","type":"function","function":{"name":"Read","arguments":{{{Quote(ReadArguments)}}}}}]},
         {"role":"tool","tool_call_id":"call_bash_1","content":" M src/Program.cs\n"},
         {"role":"tool","tool_call_id":"call_read_2","content":[{"type":"text","text":"10\tusing System;\n11\tclass Program {}"}]},
         {"role":"system","content":"The user opened src/Program.cs in the IDE."}]
        """, """
        "stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":32000,"temperature":1,
        "parallel_tool_calls":true,"tool_choice":"auto","user":"user_abc_account_1_session_2",
        "tools":[
          {"type":"function","function":{"name":"Bash","description":"Executes a bash command.","parameters":{"type":"object","properties":{"command":{"type":"string"},"description":{"type":"string"},"timeout":{"type":"number"}},"required":["command"],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}}},
          {"type":"function","function":{"name":"Read","description":"Reads a file.","parameters":{"type":"object","properties":{"file_path":{"type":"string"},"offset":{"type":"number"},"limit":{"type":"number"}},"required":["file_path"]},"strict":false}}]
        """);

    [Fact]
    public void An_agents_tool_loop_request_becomes_the_hub_request_with_its_tool_calls_and_results_in_place()
    {
        var hub = Hub(AgentRequest);

        Assert.Equal("You are an interactive CLI tool that helps users with software engineering tasks.", hub.GetProperty("system").GetString());
        Assert.Equal(32000, hub.GetProperty("max_tokens").GetInt32());
        Assert.Equal(1, hub.GetProperty("temperature").GetDouble());
        Assert.True(hub.GetProperty("stream").GetBoolean());
        AssertJsonEqual("""{"type":"auto"}""", hub.GetProperty("tool_choice"));
        Assert.Equal("user_abc_account_1_session_2", hub.GetProperty("metadata").GetProperty("user_id").GetString());
        Assert.Equal(["Bash", "Read"], hub.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        AssertJsonEqual($$$"""
            [{"role":"user","content":[{"type":"text","text":"<system-reminder>\nToday is Monday.\n</system-reminder>"},{"type":"text","text":"Why does the build fail?"}]},
             {"role":"assistant","content":[
               {"type":"text","text":"I'll look at the repository."},
               {"type":"tool_use","id":"call_bash_1","name":"Bash","input":{{{BashArguments}}}},
               {"type":"tool_use","id":"call_read_2","name":"Read","input":{{{ReadArguments}}}}]},
             {"role":"user","content":[
               {"type":"tool_result","tool_use_id":"call_bash_1","content":" M src/Program.cs\n"},
               {"type":"tool_result","tool_use_id":"call_read_2","content":[{"type":"text","text":"10\tusing System;\n11\tclass Program {}"}]},
               {"type":"text","text":"<system-reminder>\nThe user opened src/Program.cs in the IDE.\n</system-reminder>"}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void The_hubs_streamed_answer_with_text_and_two_tool_uses_comes_back_as_tool_calls_0_and_1_with_the_exact_arguments()
    {
        // The model's next step, as the hub streams it: text, then two tool uses whose input arrives in uneven pieces.
        var sse = MessageStart(id: "msg_01Round", usage: """{"input_tokens":1200,"cache_creation_input_tokens":300,"cache_read_input_tokens":9000,"output_tokens":2}""")
            + Ping()
            + TextStart(0) + TextDelta(0, Quote("The build fails because ")) + TextDelta(0, Quote("of a missing `using`.")) + BlockStop(0)
            + ToolStart(1, "toolu_01Bash", "Bash") + InputDelta(1, "") + Pieces(1, BashArguments, 7) + BlockStop(1)
            + ToolStart(2, "toolu_02Read", "Read") + InputDelta(2, "") + Pieces(2, ReadArguments, 5) + BlockStop(2)
            + MessageDelta("tool_use", """{"output_tokens":187}""") + MessageStop();

        var chunks = Chunks(StreamAllWays(sse, includeUsage: true));

        Assert.All(chunks, c => Assert.Equal("chatcmpl-01Round", c.GetProperty("id").GetString()));
        Assert.Equal("The build fails because of a missing `using`.", Content(chunks));
        var calls = ToolCalls(chunks);
        Assert.Equal([0, 1], calls.Keys);
        Assert.Equal(("toolu_01Bash", "Bash", BashArguments), calls[0]);
        Assert.Equal(("toolu_02Read", "Read", ReadArguments), calls[1]);
        var finish = chunks.Single(c => c.GetProperty("choices").GetArrayLength() > 0 && c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind == JsonValueKind.String);
        Assert.Equal("tool_calls", finish.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var usage = chunks[^1].GetProperty("usage");
        Assert.Equal(10500, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(187, usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(9000, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());

        // The client sends those calls back as its next request: ids and arguments survive the trip to the hub.
        var calledBack = Messages($$$"""
            [{"role":"user","content":"Why?"},
             {"role":"assistant","content":"The build fails because of a missing `using`.","tool_calls":[
               {"id":"{{{calls[0].Id}}}","type":"function","function":{"name":"Bash","arguments":{{{Quote(calls[0].Arguments)}}}}},
               {"id":"{{{calls[1].Id}}}","type":"function","function":{"name":"Read","arguments":{{{Quote(calls[1].Arguments)}}}}}]},
             {"role":"tool","tool_call_id":"{{{calls[0].Id}}}","content":"ok"},
             {"role":"tool","tool_call_id":"{{{calls[1].Id}}}","content":"ok"}]
            """);
        var assistant = Hub(calledBack).GetProperty("messages")[1].GetProperty("content");
        Assert.Equal("toolu_01Bash", assistant[1].GetProperty("id").GetString());
        AssertJsonEqual(BashArguments, assistant[1].GetProperty("input"));
        AssertJsonEqual(ReadArguments, assistant[2].GetProperty("input"));
    }

    [Fact]
    public void The_hubs_whole_answer_comes_back_as_one_chat_completion_with_both_tool_calls()
    {
        var message = $$$"""
            {"id":"msg_01Whole","type":"message","role":"assistant","model":"claude-opus-4-1","content":[
              {"type":"text","text":"Checking."},
              {"type":"tool_use","id":"toolu_01Bash","name":"Bash","input":{{{BashArguments}}}},
              {"type":"tool_use","id":"toolu_02Read","name":"Read","input":{{{ReadArguments}}}}],
             "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":20}}
            """;

        using var completion = JsonDocument.Parse(ChatCompletionsResponseTranslator.Translate(Encoding.UTF8.GetBytes(message), Created));

        var calls = completion.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls");
        Assert.Equal(BashArguments, calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(ReadArguments, calls[1].GetProperty("function").GetProperty("arguments").GetString());
    }

    public static TheoryData<string> Requests => new()
    {
        AgentRequest,
        Messages("""[{"role":"user","content":"Hi"}]"""),
        Messages("""
            [{"role":"developer","content":[{"type":"text","text":"Be exact."}]},
             {"role":"user","content":[{"type":"text","text":"Describe both."},
               {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQSkZJRg=="}},
               {"type":"image_url","image_url":{"url":"https://example.com/b.png","detail":"low"}}]}]
            """, """ "reasoning_effort":"high","temperature":0.5,"top_p":0.9,"stop":["END"],"response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object"}}} """),
        Messages("""
            [{"role":"user","content":"Go"},
             {"role":"assistant","content":[{"type":"refusal","refusal":"No."}]},
             {"role":"system","content":"Late note."}]
            """, """ "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"f"}},"parallel_tool_calls":false,"prompt_cache_key":"conv-1","max_tokens":5 """),
        Messages("""
            [{"role":"user","content":"Go"},
             {"role":"assistant","tool_calls":[{"id":"call:1","type":"function","function":{"name":"f","arguments":""}}]},
             {"role":"tool","tool_call_id":"call:1","content":""},
             {"role":"assistant","content":"Done.  "}]
            """, """ "reasoning_effort":"minimal","max_tokens":100 """),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_translated_request_is_a_valid_hub_request(string chatRequest)
    {
        var body = ChatCompletionsRequestTranslator.Translate(Encoding.UTF8.GetBytes(chatRequest)).Body;
        Assert.NotNull(body);

        using var parsed = ParsedMessageRequest.TryParse(body, out var problem);
        Assert.Null(problem);
        Assert.NotNull(parsed);
        Assert.Equal("gpt-4o", parsed.Peek.Model);
        MessageRequestValidator.Validate(parsed.Root);
        AssertAlternates(parsed.Root);
    }

    /// <summary>Turns alternate, start with the user, and carry content; tool results open their turn.</summary>
    private static void AssertAlternates(JsonElement hub)
    {
        var messages = hub.GetProperty("messages").EnumerateArray().ToList();
        Assert.NotEmpty(messages);
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        for (var i = 0; i < messages.Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? "user" : "assistant", messages[i].GetProperty("role").GetString());
            var blocks = messages[i].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString()).ToList();
            Assert.NotEmpty(blocks);
            var firstOther = blocks.FindIndex(t => t != "tool_result");
            Assert.True(firstOther < 0 || !blocks.Skip(firstOther).Contains("tool_result"), "tool_result blocks must come first");
        }
    }

    /// <summary>Input deltas carrying <paramref name="json"/> in pieces of <paramref name="size"/> characters.</summary>
    private static string Pieces(int index, string json, int size) =>
        string.Concat(Enumerable.Range(0, (json.Length + size - 1) / size).Select(i => InputDelta(index, json.Substring(i * size, Math.Min(size, json.Length - (i * size))))));
}
