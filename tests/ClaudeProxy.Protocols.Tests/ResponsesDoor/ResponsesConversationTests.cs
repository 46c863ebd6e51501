using System.Text;
using ClaudeProxy.Protocols.Doors.Responses;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ResponsesDoor.ResponsesRequestDoor;

namespace ClaudeProxy.Protocols.Tests.ResponsesDoor;

/// <summary>
/// Conversations that span requests: a realistic Codex turn, reasoning handed back in
/// <c>encrypted_content</c>, and a conversation continued by <c>previous_response_id</c>.
/// </summary>
public sealed class ResponsesConversationTests
{
    [Fact]
    public void A_codex_request_becomes_the_expected_hub_request()
    {
        var thought = ResponsesReasoning.Pack("I should look at the tree first.", "EqQBCkYIBxgCKkA-sig");
        var request = $$$"""
            {"model":"gpt-5-codex","instructions":"You are Codex, a coding agent.",
             "input":[
               {"type":"message","role":"developer","content":[{"type":"input_text","text":"<permissions instructions>sandbox: workspace-write</permissions instructions>"}]},
               {"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>\n  <cwd>/repo</cwd>\n</environment_context>"}]},
               {"type":"message","role":"user","content":[{"type":"input_text","text":"What is in this repo?"}]},
               {"type":"reasoning","summary":[{"type":"summary_text","text":"**Listing files**"}],"content":null,"encrypted_content":"{{{thought}}}"},
               {"type":"function_call","name":"exec_command","arguments":"{\"cmd\":\"ls\",\"workdir\":\"/repo\"}","call_id":"call_Ab12"},
               {"type":"function_call_output","call_id":"call_Ab12","output":"Chunk ID: 1\nOutput:\nREADME.md\nsrc\n"},
               {"type":"message","role":"assistant","content":[{"type":"output_text","text":"A README and src."}]},
               {"type":"message","role":"user","content":[{"type":"input_text","text":"Now read the README."}]}],
             "tools":[
               {"type":"function","name":"exec_command","description":"Runs a command in a PTY.","strict":false,
                "parameters":{"type":"object","properties":{"cmd":{"type":"string"},"workdir":{"type":"string"}},"required":["cmd"],"additionalProperties":false}},
               {"type":"namespace","name":"mcp__docs","description":"Docs server","tools":[{"type":"function","name":"search"}]},
               {"type":"web_search","external_web_access":false}],
             "tool_choice":"auto","parallel_tool_calls":false,
             "reasoning":{"effort":"medium","summary":"auto"},"store":false,"stream":true,
             "include":["reasoning.encrypted_content"],"prompt_cache_key":"0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
             "text":{"verbosity":"low"}}
            """;

        var result = Succeeded(request);

        AssertJsonEqual("""
            {"model":"gpt-5-codex","max_tokens":32000,
             "system":"You are Codex, a coding agent.\n\n<permissions instructions>sandbox: workspace-write</permissions instructions>",
             "messages":[
               {"role":"user","content":[
                 {"type":"text","text":"<environment_context>\n  <cwd>/repo</cwd>\n</environment_context>"},
                 {"type":"text","text":"What is in this repo?"}]},
               {"role":"assistant","content":[
                 {"type":"thinking","thinking":"I should look at the tree first.","signature":"EqQBCkYIBxgCKkA-sig"},
                 {"type":"tool_use","id":"call_Ab12","name":"exec_command","input":{"cmd":"ls","workdir":"/repo"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_Ab12","content":"Chunk ID: 1\nOutput:\nREADME.md\nsrc\n"}]},
               {"role":"assistant","content":[{"type":"text","text":"A README and src."}]},
               {"role":"user","content":[{"type":"text","text":"Now read the README."}]}],
             "thinking":{"type":"enabled","budget_tokens":8192},
             "stream":true,
             "tools":[{"name":"exec_command","description":"Runs a command in a PTY.",
               "input_schema":{"type":"object","properties":{"cmd":{"type":"string"},"workdir":{"type":"string"}},"required":["cmd"],"additionalProperties":false}}],
             "tool_choice":{"type":"auto","disable_parallel_tool_use":true},
             "metadata":{"user_id":"0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"}}
            """, Root(result.Body!));
        Assert.Equal(["namespace", "web_search"], result.DroppedTools);
        Assert.False(result.Store);
        Assert.True(result.Stream);
        Assert.Equal("gpt-5-codex", result.Model);
        Assert.Equal("0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", result.PromptCacheKey);
        Assert.Empty(result.Answer!.CustomTools);
        Assert.Equal(8, Root(result.InputItems!).GetArrayLength());
    }

    [Theory]
    [InlineData("Plain thought.", "sig")]
    [InlineData("Quotes \" and \\ and\nnew lines, é and 😀.", "EqQBCkYIBxgCKkD/+==")]
    [InlineData("", "sig-of-empty")]
    public void Thinking_packed_into_encrypted_content_comes_back_as_the_same_signed_thinking_block(string thinking, string signature)
    {
        var encrypted = ResponsesReasoning.Pack(thinking, signature);

        var hub = Hub(Input($$"""
            [{"role":"user","content":"Go"},
             {"type":"reasoning","summary":[],"encrypted_content":"{{encrypted}}"},
             {"type":"function_call","call_id":"c1","name":"ls","arguments":"{}"},
             {"type":"function_call_output","call_id":"c1","output":"ok"}]
            """, """ "reasoning":{"effort":"low"} """));

        var block = hub.GetProperty("messages")[1].GetProperty("content")[0];
        Assert.Equal("thinking", block.GetProperty("type").GetString());
        Assert.Equal(thinking, block.GetProperty("thinking").GetString());
        Assert.Equal(signature, block.GetProperty("signature").GetString());
    }

    [Fact]
    public void The_stored_items_of_the_previous_response_come_before_this_requests_input()
    {
        const string StoredItems = """
            [{"type":"message","role":"developer","content":"Be brief."},{"type":"message","role":"user","content":"List"},{"type":"function_call","id":"fc_1","call_id":"call_1","name":"ls","arguments":"{}","status":"completed"}]
            """;
        var result = Succeeded(
            Input("""[{"type":"function_call_output","call_id":"call_1","output":"a.txt"}]""", """ "previous_response_id":"resp_1" """),
            Stored("resp_1", StoredItems));

        AssertJsonEqual("""
            {"model":"gpt-5","max_tokens":32000,"system":"Be brief.","messages":[
              {"role":"user","content":[{"type":"text","text":"List"}]},
              {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"ls","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"a.txt"}]}]}
            """, Root(result.Body!));
        AssertJsonEqual("""
            [{"type":"message","role":"developer","content":"Be brief."},{"type":"message","role":"user","content":"List"},
             {"type":"function_call","id":"fc_1","call_id":"call_1","name":"ls","arguments":"{}","status":"completed"},
             {"type":"function_call_output","call_id":"call_1","output":"a.txt"}]
            """, result.InputItems!);
        Assert.Equal("\"resp_1\"", Root(result.Answer!.Echo).GetProperty("previous_response_id").GetRawText());
    }

    [Fact]
    public void A_string_input_continues_the_stored_conversation_as_a_user_message()
    {
        var result = Succeeded(
            Input("\"And now?\"", """ "previous_response_id":"resp_1" """),
            Stored("resp_1", """[{"role":"user","content":"Hi"},{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello."}]}]"""));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"Hi"}]},
             {"role":"assistant","content":[{"type":"text","text":"Hello."}]},
             {"role":"user","content":[{"type":"text","text":"And now?"}]}]
            """, Root(result.Body!).GetProperty("messages"));
        Assert.Equal(
            """[{"role":"user","content":"Hi"},{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello."}]},{"type":"message","role":"user","content":"And now?"}]""",
            Encoding.UTF8.GetString(result.InputItems!));
    }

    [Fact]
    public void An_unknown_previous_response_is_a_problem_naming_previous_response_id()
    {
        var result = Refused(Input("\"Hi\"", """ "previous_response_id":"resp_gone" """), Stored("resp_1", "[]"));

        Assert.Equal("previous_response_id: Previous response with id 'resp_gone' not found.", result.Problem);
        Assert.Equal("previous_response_id", result.ProblemParam);
        Assert.Equal("gpt-5", result.Model);
    }

    [Theory]
    [InlineData("{\"not\":\"an array\"}")]
    [InlineData("[1,")]
    [InlineData("[\"\\ud800\"]")]
    public void An_unreadable_stored_conversation_is_a_problem_naming_previous_response_id(string stored)
    {
        var result = Refused(Input("\"Hi\"", """ "previous_response_id":"resp_1" """), Stored("resp_1", stored));

        Assert.Equal("previous_response_id: the stored conversation of response 'resp_1' cannot be read", result.Problem);
        Assert.Equal("previous_response_id", result.ProblemParam);
    }

    [Fact]
    public void A_problem_in_a_stored_item_is_named_by_its_place_in_the_previous_response()
    {
        var result = Refused(
            Input("\"Hi\"", """ "previous_response_id":"resp_1" """),
            Stored("resp_1", """[{"role":"user","content":"Hi"},{"type":"item_reference","id":"msg_1"}]"""));

        Assert.Equal("previous_response_id[1].type", result.ProblemParam);
    }
}
