using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Responses;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ResponsesDoor.ResponsesRequestDoor;

namespace ClaudeProxy.Protocols.Tests.ResponsesDoor;

/// <summary>
/// How a Responses request becomes the Anthropic Messages request the gateway routes: each rule of the
/// mapping, checked on the hub JSON.
/// </summary>
public sealed class ResponsesRequestTranslatorTests
{
    private const string UserHi = """{"type":"message","role":"user","content":"Hi"}""";

    private static readonly string Thought = ResponsesReasoning.Pack("Let me list the files.", "sig-abc");

    // ---- the request itself ----

    [Fact]
    public void A_string_input_becomes_one_user_turn_with_the_default_max_tokens()
    {
        var hub = Hub(Input("\"Hi\""));

        AssertJsonEqual("""{"model":"gpt-5","max_tokens":32000,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""", hub);
    }

    [Fact]
    public void The_result_reports_model_stream_store_and_prompt_cache_key()
    {
        var result = Succeeded(Input("\"Hi\"", """ "stream":true,"store":false,"prompt_cache_key":"conv-7" """));

        Assert.Equal("gpt-5", result.Model);
        Assert.True(result.Stream);
        Assert.False(result.Store);
        Assert.Equal("conv-7", result.PromptCacheKey);
        Assert.Empty(result.DroppedTools);
        Assert.True(Root(result.Body!).GetProperty("stream").GetBoolean());
    }

    [Fact]
    public void Store_is_true_and_stream_off_when_the_client_leaves_them_out()
    {
        var result = Succeeded(Input("\"Hi\""));

        Assert.True(result.Store);
        Assert.False(result.Stream);
        Assert.Null(result.PromptCacheKey);
        Assert.False(Root(result.Body!).TryGetProperty("stream", out _));
    }

    [Fact]
    public void A_string_input_is_stored_as_one_user_message_item()
    {
        var result = Succeeded(Input("\"Hi \\u00e9\""));

        AssertJsonEqual("""[{"type":"message","role":"user","content":"Hi \u00e9"}]""", result.InputItems!);
    }

    [Fact]
    public void Input_items_are_stored_as_the_client_sent_them_dropped_ones_included()
    {
        const string Items = """[{"role":"user","content":[{"type":"input_text","text":"Hi"}]},{"type":"web_search_call","id":"ws_1","status":"completed"}]""";

        var result = Succeeded(Input(Items));

        Assert.Equal(Items, Encoding.UTF8.GetString(result.InputItems!));
    }

    // ---- instructions, system and developer messages ----

    [Fact]
    public void Instructions_then_leading_system_and_developer_messages_become_one_plain_system_string()
    {
        var hub = Hub(Input("""
            [{"type":"message","role":"developer","content":"Answer in French."},
             {"role":"system","content":[{"type":"input_text","text":"Be terse."},{"type":"input_text","text":"  "}]},
             {"role":"user","content":"Hi"}]
            """, """ "instructions":"You are a coding agent." """));

        Assert.Equal("You are a coding agent.\n\nAnswer in French.\n\nBe terse.", hub.GetProperty("system").GetString());
        Assert.Single(hub.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public void A_later_developer_message_becomes_a_system_reminder_at_the_end_of_the_user_turn_before_it()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":"Hi"},
             {"role":"developer","content":"Mind the sandbox."},
             {"role":"assistant","content":[{"type":"output_text","text":"Hello."}]},
             {"role":"user","content":"Go on"}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"Hi"},{"type":"text","text":"<system-reminder>\nMind the sandbox.\n</system-reminder>"}]},
             {"role":"assistant","content":[{"type":"text","text":"Hello."}]},
             {"role":"user","content":[{"type":"text","text":"Go on"}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void A_developer_message_after_an_assistant_turn_opens_the_next_user_turn_after_its_tool_results()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":"List"},
             {"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"},
             {"role":"developer","content":"Mind the sandbox."},
             {"type":"function_call_output","call_id":"call_1","output":"a.txt"}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"List"}]},
             {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"ls","input":{}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"a.txt"},{"type":"text","text":"<system-reminder>\nMind the sandbox.\n</system-reminder>"}]}]
            """, hub.GetProperty("messages"));
    }

    // ---- messages ----

    [Fact]
    public void Text_output_text_and_refusal_parts_become_text_blocks_and_blank_ones_are_dropped()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":[{"type":"input_text","text":"One"},{"type":"input_text","text":" \n"},{"type":"output_text","text":"Two"}]},
             {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Three"},{"type":"refusal","refusal":"No."}]},
             {"role":"user","content":"Four"}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"One"},{"type":"text","text":"Two"}]},
             {"role":"assistant","content":[{"type":"text","text":"Three"},{"type":"text","text":"No."}]},
             {"role":"user","content":[{"type":"text","text":"Four"}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void Input_images_become_base64_or_url_image_blocks()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":[
              {"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgo=","detail":"auto"},
              {"type":"input_image","image_url":"https://example.com/cat.jpg"}]}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
              {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void Consecutive_same_role_items_merge_and_empty_turns_disappear()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":"One"},
             {"role":"assistant","content":"  "},
             {"role":"user","content":[{"type":"input_text","text":"Two"}]},
             {"type":"reasoning","summary":[{"type":"summary_text","text":"thinking"}]},
             {"role":"user","content":"Three"}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"One"},{"type":"text","text":"Two"},{"type":"text","text":"Three"}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void A_final_assistant_message_is_a_prefill_without_trailing_white_space()
    {
        var hub = Hub(Input("""[{"role":"user","content":"Hi"},{"role":"assistant","content":"The answer is "}]"""));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"Hi"}]},{"role":"assistant","content":[{"type":"text","text":"The answer is"}]}]
            """, hub.GetProperty("messages"));
    }

    // ---- tool calls and their outputs ----

    [Fact]
    public void A_function_call_becomes_a_tool_use_with_its_arguments_parsed()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":"Run it"},
             {"type":"function_call","id":"fc_1","call_id":"call_1","name":"exec_command","arguments":"{\"cmd\":\"ls -la\",\"n\":[1,2]}","status":"completed"},
             {"type":"function_call","call_id":"call_2","name":"noop","arguments":""}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"Run it"}]},
             {"role":"assistant","content":[
               {"type":"tool_use","id":"call_1","name":"exec_command","input":{"cmd":"ls -la","n":[1,2]}},
               {"type":"tool_use","id":"call_2","name":"noop","input":{}}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void A_function_call_output_becomes_a_tool_result_first_in_its_user_turn()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":"Run it"},
             {"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"},
             {"role":"user","content":"and hurry"},
             {"type":"function_call_output","call_id":"call_1","output":"a.txt\nb.txt"}]
            """));

        AssertJsonEqual("""
            {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"a.txt\nb.txt"},{"type":"text","text":"and hurry"}]}
            """, hub.GetProperty("messages")[2]);
    }

    [Fact]
    public void Call_ids_outside_anthropics_alphabet_are_sanitised_the_same_way_on_both_sides()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":"Go"},
             {"type":"function_call","call_id":"functions.ls:0","name":"ls","arguments":"{}"},
             {"type":"function_call_output","call_id":"functions.ls:0","output":"ok"}]
            """));

        Assert.Equal("functions_ls_0", hub.GetProperty("messages")[1].GetProperty("content")[0].GetProperty("id").GetString());
        Assert.Equal("functions_ls_0", hub.GetProperty("messages")[2].GetProperty("content")[0].GetProperty("tool_use_id").GetString());
    }

    [Fact]
    public void A_function_call_output_of_parts_becomes_a_tool_result_of_text_and_image_blocks()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":"Shoot"},
             {"type":"function_call","call_id":"call_1","name":"screenshot","arguments":"{}"},
             {"type":"function_call_output","call_id":"call_1","output":[
               {"type":"input_text","text":"Here:"},{"type":"input_text","text":" "},
               {"type":"input_image","image_url":"data:image/jpeg;base64,/9j/4AAQ"}]}]
            """));

        AssertJsonEqual("""
            {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":[
              {"type":"text","text":"Here:"},
              {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}}]}]}
            """, hub.GetProperty("messages")[2]);
    }

    [Fact]
    public void An_empty_output_becomes_a_tool_result_without_content()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":"Go"},
             {"type":"function_call","call_id":"call_1","name":"touch","arguments":"{}"},
             {"type":"function_call_output","call_id":"call_1","output":""}]
            """));

        AssertJsonEqual("""{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1"}]}""", hub.GetProperty("messages")[2]);
    }

    [Fact]
    public void A_custom_tool_call_becomes_a_tool_use_whose_input_string_is_the_calls_text()
    {
        var hub = Hub(Input("""
            [{"role":"user","content":"Patch it"},
             {"type":"custom_tool_call","id":"ctc_1","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch\n*** End Patch"},
             {"type":"custom_tool_call_output","call_id":"call_p","output":"Done!"}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"Patch it"}]},
             {"role":"assistant","content":[{"type":"tool_use","id":"call_p","name":"apply_patch","input":{"input":"*** Begin Patch\n*** End Patch"}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_p","content":"Done!"}]}]
            """, hub.GetProperty("messages"));
    }

    // ---- reasoning ----

    [Fact]
    public void The_reasoning_and_calls_of_one_answer_form_one_assistant_turn_with_the_thinking_first()
    {
        var hub = Hub(Input($$"""
            [{"role":"user","content":"List"},
             {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Listing."}],"encrypted_content":"{{Thought}}"},
             {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Listing now."}]},
             {"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"},
             {"type":"function_call_output","call_id":"call_1","output":"a.txt"}]
            """, """ "reasoning":{"effort":"medium"} """));

        AssertJsonEqual("""
            {"role":"assistant","content":[
              {"type":"thinking","thinking":"Let me list the files.","signature":"sig-abc"},
              {"type":"text","text":"Listing now."},
              {"type":"tool_use","id":"call_1","name":"ls","input":{}}]}
            """, hub.GetProperty("messages")[1]);
        AssertJsonEqual("""{"type":"enabled","budget_tokens":8192}""", hub.GetProperty("thinking"));
    }

    [Fact]
    public void Redacted_thinking_comes_back_as_a_redacted_thinking_block()
    {
        var hub = Hub(Input($$"""
            [{"role":"user","content":"Hi"},
             {"type":"reasoning","summary":[],"encrypted_content":"{{ResponsesReasoning.PackRedacted("EmwKAhgBEgy")}}"},
             {"role":"assistant","content":"Hello."},
             {"role":"user","content":"Again"}]
            """, """ "reasoning":{"effort":"low"} """));

        AssertJsonEqual("""
            {"role":"assistant","content":[{"type":"redacted_thinking","data":"EmwKAhgBEgy"},{"type":"text","text":"Hello."}]}
            """, hub.GetProperty("messages")[1]);
    }

    [Theory]
    [InlineData("""{"type":"reasoning","summary":[{"type":"summary_text","text":"Thinking."}]}""")]
    [InlineData("""{"type":"reasoning","summary":[],"encrypted_content":"gAAAAABo-openai-own"}""")]
    [InlineData("""{"type":"reasoning","summary":[],"encrypted_content":"cpx1.!!!"}""")]
    [InlineData("""{"type":"reasoning","summary":[],"encrypted_content":null}""")]
    public void A_reasoning_item_without_this_gateways_encrypted_content_is_dropped(string reasoning)
    {
        var hub = Hub(Input($$"""
            [{"role":"user","content":"Hi"},{{reasoning}},{"role":"assistant","content":"Hello."},{"role":"user","content":"Again"}]
            """, """ "reasoning":{"effort":"low"} """));

        AssertJsonEqual("""{"role":"assistant","content":[{"type":"text","text":"Hello."}]}""", hub.GetProperty("messages")[1]);
    }

    [Theory]
    [InlineData("web_search_call")]
    [InlineData("file_search_call")]
    [InlineData("image_generation_call")]
    [InlineData("code_interpreter_call")]
    [InlineData("local_shell_call")]
    [InlineData("local_shell_call_output")]
    [InlineData("mcp_call")]
    [InlineData("mcp_list_tools")]
    [InlineData("mcp_approval_request")]
    [InlineData("mcp_approval_response")]
    [InlineData("computer_call")]
    [InlineData("computer_call_output")]
    public void Items_of_hosted_tools_replayed_from_history_are_dropped(string type)
    {
        var hub = Hub(Input($$"""
            [{"role":"user","content":"Search"},{"type":"{{type}}","action":{},"id":"x_1","status":"completed"},{"role":"assistant","content":"Found it."}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"Search"}]},{"role":"assistant","content":[{"type":"text","text":"Found it."}]}]
            """, hub.GetProperty("messages"));
    }

    // ---- tools ----

    [Fact]
    public void Function_tools_become_anthropic_tools_with_an_empty_object_schema_by_default()
    {
        var hub = Hub(Input("\"Hi\"", """
            "tools":[
              {"type":"function","name":"exec_command","description":"Runs a command.","strict":false,"parameters":{"type":"object","properties":{"cmd":{"type":"string"}},"required":["cmd"]}},
              {"type":"function","name":"ping"}]
            """));

        AssertJsonEqual("""
            [{"name":"exec_command","description":"Runs a command.","input_schema":{"type":"object","properties":{"cmd":{"type":"string"}},"required":["cmd"]}},
             {"name":"ping","input_schema":{"type":"object","properties":{}}}]
            """, hub.GetProperty("tools"));
    }

    [Fact]
    public void A_custom_tool_becomes_a_tool_of_one_input_string_described_by_its_grammar()
    {
        var result = Succeeded(Input("\"Hi\"", """
            "tools":[
              {"type":"custom","name":"apply_patch","description":"Edits files.","format":{"type":"grammar","syntax":"lark","definition":"start: begin_patch\nbegin_patch: \"*** Begin Patch\""}},
              {"type":"custom","name":"note","format":{"type":"text"}},
              {"type":"custom","name":"jot"}]
            """));

        AssertJsonEqual("""
            [{"name":"apply_patch","description":"Edits files.","input_schema":{"type":"object","properties":{"input":{"type":"string",
               "description":"The tool's input: text that follows this lark grammar exactly, sent as it is.\nstart: begin_patch\nbegin_patch: \"*** Begin Patch\""}},"required":["input"]}},
             {"name":"note","input_schema":{"type":"object","properties":{"input":{"type":"string","description":"The tool's input: free-form text, sent as it is."}},"required":["input"]}},
             {"name":"jot","input_schema":{"type":"object","properties":{"input":{"type":"string","description":"The tool's input: free-form text, sent as it is."}},"required":["input"]}}]
            """, Root(result.Body!).GetProperty("tools"));
        Assert.Equal(["apply_patch", "jot", "note"], result.Answer!.CustomTools.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tools_the_hub_cannot_serve_are_dropped_and_reported_once_each()
    {
        var result = Succeeded(Input("\"Hi\"", """
            "tools":[
              {"type":"web_search"},{"type":"function","name":"ping"},{"type":"web_search_preview"},{"type":"file_search","vector_store_ids":["vs_1"]},
              {"type":"namespace","name":"mcp__github","tools":[]},{"type":"local_shell"},{"type":"mcp","server_label":"x"},
              {"type":"image_generation"},{"type":"code_interpreter","container":{"type":"auto"}},{"type":"computer_use_preview"},
              {"type":"brand_new_tool"},{"type":"web_search"}]
            """));

        Assert.Equal(
            ["web_search", "web_search_preview", "file_search", "namespace", "local_shell", "mcp", "image_generation", "code_interpreter", "computer_use_preview", "brand_new_tool"],
            result.DroppedTools);
        AssertJsonEqual("""[{"name":"ping","input_schema":{"type":"object","properties":{}}}]""", Root(result.Body!).GetProperty("tools"));
        Assert.Empty(result.Answer!.CustomTools);
    }

    [Fact]
    public void Without_a_tool_the_hub_serves_there_are_no_tools_and_no_tool_choice()
    {
        var hub = Hub(Input("\"Hi\"", """ "tools":[{"type":"web_search"}],"tool_choice":"required" """));

        Assert.False(hub.TryGetProperty("tools", out _));
        Assert.False(hub.TryGetProperty("tool_choice", out _));
    }

    [Theory]
    [InlineData("\"auto\"", """{"type":"auto"}""")]
    [InlineData("\"none\"", """{"type":"none"}""")]
    [InlineData("\"required\"", """{"type":"any"}""")]
    [InlineData("""{"type":"function","name":"ping"}""", """{"type":"tool","name":"ping"}""")]
    [InlineData("""{"type":"custom","name":"ping"}""", """{"type":"tool","name":"ping"}""")]
    [InlineData("""{"type":"allowed_tools","mode":"auto","tools":[{"type":"function","name":"ping"}]}""", """{"type":"auto"}""")]
    [InlineData("""{"type":"allowed_tools","mode":"required","tools":[{"type":"function","name":"ping"}]}""", """{"type":"any"}""")]
    [InlineData("""{"type":"web_search_preview"}""", """{"type":"auto"}""")]
    public void Tool_choice_becomes_anthropics_tool_choice(string choice, string expected)
    {
        var hub = Hub(Input("\"Hi\"", $$""" "tools":[{"type":"function","name":"ping"}],"tool_choice":{{choice}} """));

        AssertJsonEqual(expected, hub.GetProperty("tool_choice"));
    }

    [Fact]
    public void Parallel_tool_calls_false_disables_parallel_tool_use()
    {
        var hub = Hub(Input("\"Hi\"", """ "tools":[{"type":"function","name":"ping"}],"parallel_tool_calls":false """));

        AssertJsonEqual("""{"type":"auto","disable_parallel_tool_use":true}""", hub.GetProperty("tool_choice"));
    }

    // ---- limits, sampling and reasoning ----

    [Fact]
    public void Max_output_tokens_temperature_and_top_p_are_copied_with_the_temperature_clamped_to_one()
    {
        var hub = Hub(Input("\"Hi\"", """ "max_output_tokens":500,"temperature":1.7,"top_p":0.9 """));

        Assert.Equal(500, hub.GetProperty("max_tokens").GetInt32());
        Assert.Equal(1, hub.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, hub.GetProperty("top_p").GetDouble());
    }

    [Theory]
    [InlineData("minimal", 1024)]
    [InlineData("low", 2048)]
    [InlineData("medium", 8192)]
    [InlineData("high", 24576)]
    [InlineData("xhigh", 24576)]
    public void Reasoning_effort_becomes_a_thinking_budget_and_sampling_is_left_off(string effort, int budget)
    {
        var hub = Hub(Input("\"Hi\"", $$""" "reasoning":{"effort":"{{effort}}","summary":"auto"},"temperature":0.5 """));

        AssertJsonEqual($$$"""{"type":"enabled","budget_tokens":{{{budget}}}}""", hub.GetProperty("thinking"));
        Assert.Equal(32000, hub.GetProperty("max_tokens").GetInt32());
        Assert.False(hub.TryGetProperty("temperature", out _));
    }

    [Theory]
    [InlineData("""{"effort":"none"}""")]
    [InlineData("""{"summary":"auto"}""")]
    [InlineData("null")]
    public void Reasoning_without_an_effort_or_with_none_asks_for_no_thinking(string reasoning)
    {
        var hub = Hub(Input("\"Hi\"", $$""" "reasoning":{{reasoning}} """));

        Assert.False(hub.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void A_max_output_tokens_within_the_budget_grows_to_leave_the_answer_its_room()
    {
        var hub = Hub(Input("\"Hi\"", """ "reasoning":{"effort":"medium"},"max_output_tokens":1000 """));

        Assert.Equal(9192, hub.GetProperty("max_tokens").GetInt32());
    }

    [Theory]
    [InlineData("""[{"role":"user","content":"Hi"}]""", """ "tools":[{"type":"function","name":"ping"}],"tool_choice":"required" """)]
    [InlineData("""[{"role":"user","content":"Hi"}]""", """ "tools":[{"type":"function","name":"ping"}],"tool_choice":{"type":"function","name":"ping"} """)]
    [InlineData("""[{"role":"user","content":"Hi"},{"role":"assistant","content":"Sure:"}]""", "")]
    [InlineData("""[{"role":"user","content":"Go"},{"type":"function_call","call_id":"c1","name":"ls","arguments":"{}"},{"type":"function_call_output","call_id":"c1","output":"ok"}]""", "")]
    public void Thinking_is_left_off_next_to_a_forced_tool_a_prefill_or_a_tool_loop_without_its_thinking(string input, string fields)
    {
        var hub = Hub(Input(input, """ "reasoning":{"effort":"high"}""" + (fields.Length > 0 ? "," + fields : "")));

        Assert.False(hub.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void A_tool_loop_whose_last_assistant_turn_carries_its_recovered_thinking_keeps_thinking()
    {
        var hub = Hub(Input($$"""
            [{"role":"user","content":"Go"},
             {"type":"reasoning","summary":[],"encrypted_content":"{{Thought}}"},
             {"type":"function_call","call_id":"c1","name":"ls","arguments":"{}"},
             {"type":"function_call_output","call_id":"c1","output":"ok"}]
            """, """ "reasoning":{"effort":"high"} """));

        AssertJsonEqual("""{"type":"enabled","budget_tokens":24576}""", hub.GetProperty("thinking"));
        AssertJsonEqual("""
            {"role":"assistant","content":[{"type":"thinking","thinking":"Let me list the files.","signature":"sig-abc"},{"type":"tool_use","id":"c1","name":"ls","input":{}}]}
            """, hub.GetProperty("messages")[1]);
    }

    [Fact]
    public void Without_thinking_the_recovered_thinking_blocks_are_left_out()
    {
        var hub = Hub(Input($$"""
            [{"role":"user","content":"Go"},
             {"type":"reasoning","summary":[],"encrypted_content":"{{Thought}}"},
             {"type":"function_call","call_id":"c1","name":"ls","arguments":"{}"},
             {"type":"function_call_output","call_id":"c1","output":"ok"}]
            """));

        Assert.False(hub.TryGetProperty("thinking", out _));
        AssertJsonEqual("""{"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"ls","input":{}}]}""", hub.GetProperty("messages")[1]);
    }

    // ---- text format, user id and ignored fields ----

    [Fact]
    public void A_json_object_format_asks_for_json_in_the_system_prompt()
    {
        var hub = Hub(Input("\"Hi\"", """ "instructions":"Be brief.","text":{"format":{"type":"json_object"},"verbosity":"low"} """));

        Assert.Equal(
            "Be brief.\n\nRespond with a single JSON object only: no text, code fence or explanation before or after it.",
            hub.GetProperty("system").GetString());
    }

    [Fact]
    public void A_json_schema_format_puts_its_schema_in_the_system_prompt()
    {
        var hub = Hub(Input("\"Hi\"", """ "text":{"format":{"type":"json_schema","name":"answer","strict":true,"schema":{"type":"object"}}} """));

        Assert.Equal(
            "Respond with a single JSON object only: no text, code fence or explanation before or after it.\nThe JSON object must conform to this JSON Schema:\n{\"type\":\"object\"}",
            hub.GetProperty("system").GetString());
    }

    [Fact]
    public void A_text_format_adds_nothing()
    {
        var hub = Hub(Input("\"Hi\"", """ "text":{"format":{"type":"text"}} """));

        Assert.False(hub.TryGetProperty("system", out _));
    }

    [Theory]
    [InlineData(""" "user":"u1","safety_identifier":"s1","prompt_cache_key":"p1" """, "u1")]
    [InlineData(""" "safety_identifier":"s1","prompt_cache_key":"p1" """, "s1")]
    [InlineData(""" "prompt_cache_key":"p1","user":"" """, "p1")]
    public void User_else_safety_identifier_else_prompt_cache_key_becomes_the_user_id(string fields, string expected)
    {
        var hub = Hub(Input("\"Hi\"", fields));

        Assert.Equal(expected, hub.GetProperty("metadata").GetProperty("user_id").GetString());
    }

    [Fact]
    public void Fields_the_hub_has_no_use_for_are_checked_and_ignored()
    {
        var hub = Hub(Input("\"Hi\"", """
            "include":["reasoning.encrypted_content"],"metadata":{"k":"v"},"truncation":"auto","service_tier":"auto",
            "stream_options":{"include_obfuscation":false},"top_logprobs":0,"background":false,"prompt":null,"conversation":null
            """));

        AssertJsonEqual("""{"model":"gpt-5","max_tokens":32000,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""", hub);
    }

    // ---- what the answer repeats ----

    [Fact]
    public void The_echo_holds_the_repeated_fields_as_sent_and_leaves_out_the_absent_ones()
    {
        var result = Succeeded(Input("\"Hi\"", """
            "instructions":"Be \u00e9 brief.","tools":[{"type":"web_search"}],"tool_choice":"auto","parallel_tool_calls":true,
            "temperature":0.70,"top_p":1,"max_output_tokens":100,"store":false,"metadata":{"a":"b"},"reasoning":{"effort":"low"},
            "text":{"verbosity":"low"},"truncation":"disabled","user":"u","prompt_cache_key":"k","stream":true,"include":[]
            """));

        Assert.Equal(
            """{"instructions":"Be \u00e9 brief.","tools":[{"type":"web_search"}],"tool_choice":"auto","parallel_tool_calls":true,"temperature":0.70,"top_p":1,"max_output_tokens":100,"store":false,"metadata":{"a":"b"},"reasoning":{"effort":"low"},"text":{"verbosity":"low"},"truncation":"disabled","user":"u","prompt_cache_key":"k"}""",
            Encoding.UTF8.GetString(result.Answer!.Echo));
    }

    [Fact]
    public void The_echo_of_a_bare_request_is_an_empty_object()
    {
        var result = Succeeded(Input("\"Hi\""));

        Assert.Equal("{}", Encoding.UTF8.GetString(result.Answer!.Echo));
    }

    [Fact]
    public void Long_texts_are_copied_byte_for_byte_escapes_included()
    {
        var text = string.Concat(Enumerable.Repeat("line \\\"quoted\\\" \\u00e9\\n", 2000));
        var result = Succeeded(Input($"\"{text}\"", $"\"instructions\":\"{text}\""));

        var body = Encoding.UTF8.GetString(result.Body!);
        Assert.Contains($"\"system\":\"{text}\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"text\":\"{text}\"", body, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, Root(result.Body!).ValueKind);
    }
}
