using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.ChatDoor;

namespace ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;

/// <summary>
/// How a Chat Completions request becomes the Anthropic Messages request the gateway routes: each row
/// of the mapping, checked on the hub JSON.
/// </summary>
public sealed class ChatCompletionsRequestTranslatorTests
{
    private const string Hi = """[{"role":"user","content":"Hi"}]""";

    // ---- the request itself ----

    [Fact]
    public void The_model_is_copied_and_the_result_reports_model_stream_and_include_usage()
    {
        var result = ChatCompletionsRequestTranslator.Translate(Encoding.UTF8.GetBytes(
            Messages(Hi, """ "stream":true,"stream_options":{"include_usage":true} """)));

        Assert.Equal("gpt-4o", result.Model);
        Assert.True(result.Stream);
        Assert.True(result.IncludeUsage);
        using var hub = JsonDocument.Parse(result.Body!);
        Assert.Equal("gpt-4o", hub.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public void A_minimal_request_becomes_model_max_tokens_and_one_user_turn()
    {
        var hub = Hub(Messages(Hi));

        AssertJsonEqual("""{"model":"gpt-4o","max_tokens":8192,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""", hub);
    }

    [Fact]
    public void Without_stream_options_no_usage_chunk_is_asked_for_and_stream_is_off()
    {
        var result = ChatCompletionsRequestTranslator.Translate(Encoding.UTF8.GetBytes(Messages(Hi)));

        Assert.False(result.Stream);
        Assert.False(result.IncludeUsage);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Stream_is_copied_to_the_hub_body(string stream, bool expected)
    {
        var hub = Hub(Messages(Hi, $"\"stream\":{stream}"));

        Assert.Equal(expected, hub.GetProperty("stream").GetBoolean());
    }

    // ---- system and developer messages ----

    [Fact]
    public void Leading_system_and_developer_messages_become_one_plain_system_string()
    {
        var hub = Hub(Messages("""
            [{"role":"system","content":"You are terse."},
             {"role":"developer","content":"Answer in French."},
             {"role":"user","content":"Hi"}]
            """));

        Assert.Equal("You are terse.\n\nAnswer in French.", hub.GetProperty("system").GetString());
        Assert.Single(Turns(hub));
    }

    [Fact]
    public void System_text_parts_join_the_system_string_and_blank_ones_are_dropped()
    {
        var hub = Hub(Messages("""
            [{"role":"system","content":[{"type":"text","text":"One."},{"type":"text","text":"  "},{"type":"text","text":"Two."}]},
             {"role":"user","content":"Hi"}]
            """));

        Assert.Equal("One.\n\nTwo.", hub.GetProperty("system").GetString());
    }

    [Fact]
    public void Without_system_messages_there_is_no_system()
    {
        var hub = Hub(Messages(Hi));

        Assert.False(hub.TryGetProperty("system", out _));
    }

    [Fact]
    public void A_system_message_after_a_user_message_ends_that_user_turn_as_a_system_reminder()
    {
        var hub = Hub(Messages("""
            [{"role":"system","content":"Base."},
             {"role":"user","content":"Fix the bug."},
             {"role":"system","content":"The file changed on disk."},
             {"role":"assistant","content":"Done."}]
            """));

        Assert.Equal("Base.", hub.GetProperty("system").GetString());
        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"Fix the bug."},{"type":"text","text":"<system-reminder>\nThe file changed on disk.\n</system-reminder>"}]},
             {"role":"assistant","content":[{"type":"text","text":"Done."}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void A_system_message_between_two_user_messages_sits_between_their_texts_in_the_one_user_turn()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"A"},{"role":"developer","content":"note"},{"role":"user","content":"B"}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"A"},{"type":"text","text":"<system-reminder>\nnote\n</system-reminder>"},{"type":"text","text":"B"}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void A_system_message_after_an_assistant_message_opens_the_next_user_turn_after_its_tool_results()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"List files."},
             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"ls","arguments":"{}"}}]},
             {"role":"system","content":"Be brief."},
             {"role":"tool","tool_call_id":"call_1","content":"a.txt"},
             {"role":"user","content":"Thanks"}]
            """));

        AssertJsonEqual("""
            {"role":"user","content":[
              {"type":"tool_result","tool_use_id":"call_1","content":"a.txt"},
              {"type":"text","text":"<system-reminder>\nBe brief.\n</system-reminder>"},
              {"type":"text","text":"Thanks"}]}
            """, hub.GetProperty("messages")[2]);
    }

    [Fact]
    public void A_system_message_at_the_end_after_an_assistant_message_becomes_a_user_turn_of_its_own()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"},{"role":"system","content":"Wrap up."}]
            """));

        AssertJsonEqual("""
            {"role":"user","content":[{"type":"text","text":"<system-reminder>\nWrap up.\n</system-reminder>"}]}
            """, hub.GetProperty("messages")[2]);
    }

    [Fact]
    public void A_growing_conversation_keeps_its_earlier_turns_byte_for_byte()
    {
        // Each request is the previous one plus the answer and a new user message: the hub turns
        // before the last user turn must not change, or no prefix cache would ever hit.
        string[] steps =
        [
            """{"role":"system","content":"Base."},{"role":"user","content":"One"}""",
            """{"role":"system","content":"Reminder 1"}""",
            """{"role":"assistant","content":null,"tool_calls":[{"id":"call_a","type":"function","function":{"name":"Read","arguments":"{\"path\":\"a\"}"}}]}""",
            """{"role":"tool","tool_call_id":"call_a","content":"contents"}""",
            """{"role":"system","content":"Reminder 2"}""",
            """{"role":"assistant","content":"Read it."}""",
            """{"role":"system","content":"Reminder 3"}""",
            """{"role":"user","content":"Two"}""",
        ];

        List<string>? previous = null;
        for (var count = 1; count <= steps.Length; count++)
        {
            var turns = Turns(Hub(Messages("[" + string.Join(",", steps.Take(count)) + "]")));
            if (previous is not null)
            {
                // Every earlier turn but the last stays as it was; the last may only grow at its end.
                for (var i = 0; i < previous.Count - 1; i++)
                {
                    Assert.Equal(previous[i], turns[i]);
                }

                var last = previous[^1];
                Assert.StartsWith(last[..^2], turns[previous.Count - 1], StringComparison.Ordinal);
            }

            previous = turns;
        }
    }

    // ---- user messages ----

    [Fact]
    public void User_text_parts_become_text_blocks_in_order()
    {
        var hub = Hub(Messages("""[{"role":"user","content":[{"type":"text","text":"A"},{"type":"text","text":"B"}]}]"""));

        AssertJsonEqual("""[{"type":"text","text":"A"},{"type":"text","text":"B"}]""", hub.GetProperty("messages")[0].GetProperty("content"));
    }

    [Theory]
    [InlineData("image/png", "image/png")]
    [InlineData("image/jpeg", "image/jpeg")]
    [InlineData("image/jpg", "image/jpeg")]
    [InlineData("IMAGE/WEBP", "image/webp")]
    [InlineData("image/gif", "image/gif")]
    public void A_base64_data_url_image_becomes_a_base64_image_source_with_its_media_type(string given, string mediaType)
    {
        var hub = Hub(Messages($$$"""
            [{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:{{{given}}};base64,iVBORw0KGgo+/=","detail":"high"}}]}]
            """));

        AssertJsonEqual($$$"""
            {"type":"image","source":{"type":"base64","media_type":"{{{mediaType}}}","data":"iVBORw0KGgo+/="}}
            """, hub.GetProperty("messages")[0].GetProperty("content")[1]);
    }

    [Fact]
    public void A_data_url_with_escaped_characters_is_decoded_before_it_is_split()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image\/png;base64,AB\u002BC\/D="}}]}]
            """));

        AssertJsonEqual("""
            {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AB+C/D="}}
            """, hub.GetProperty("messages")[0].GetProperty("content")[0]);
    }

    [Theory]
    [InlineData("https://example.com/cat.png")]
    [InlineData("http://example.com/cat.png?x=1&y=2")]
    public void An_http_image_url_becomes_a_url_image_source(string url)
    {
        var hub = Hub(Messages($$$"""[{"role":"user","content":[{"type":"image_url","image_url":{"url":"{{{url}}}"}}]}]"""));

        AssertJsonEqual($$$"""{"type":"image","source":{"type":"url","url":"{{{url}}}"}}""", hub.GetProperty("messages")[0].GetProperty("content")[0]);
    }

    [Fact]
    public void Consecutive_user_messages_merge_into_one_turn()
    {
        var hub = Hub(Messages("""[{"role":"user","content":"A"},{"role":"user","content":[{"type":"text","text":"B"}]}]"""));

        AssertJsonEqual("""[{"role":"user","content":[{"type":"text","text":"A"},{"type":"text","text":"B"}]}]""", hub.GetProperty("messages"));
    }

    [Fact]
    public void Empty_and_blank_texts_are_dropped_and_a_turn_left_empty_disappears()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"A"},{"role":"assistant","content":""},{"role":"user","content":[{"type":"text","text":" \n"},{"type":"text","text":"B"}]}]
            """));

        AssertJsonEqual("""[{"role":"user","content":[{"type":"text","text":"A"},{"type":"text","text":"B"}]}]""", hub.GetProperty("messages"));
    }

    [Fact]
    public void Texts_with_escapes_and_non_ASCII_are_carried_exactly()
    {
        const string Text = "Quote \" backslash \\ tab \t newline \n emoji 😀 accents éè <tag> & done";
        var hub = Hub(Messages($$$"""[{"role":"user","content":{{{AnthropicEvents.Quote(Text)}}}}]"""));

        Assert.Equal(Text, hub.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    // ---- assistant messages ----

    [Fact]
    public void Assistant_text_and_tool_calls_become_a_text_block_then_tool_use_blocks_with_the_ids_kept()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Weather in Paris and Rome?"},
             {"role":"assistant","content":"Checking both.","tool_calls":[
               {"id":"call_paris","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"units\":[\"c\"]}"}},
               {"id":"call_rome","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]}]
            """));

        AssertJsonEqual("""
            {"role":"assistant","content":[
              {"type":"text","text":"Checking both."},
              {"type":"tool_use","id":"call_paris","name":"get_weather","input":{"city":"Paris","units":["c"]}},
              {"type":"tool_use","id":"call_rome","name":"get_weather","input":{"city":"Rome"}}]}
            """, hub.GetProperty("messages")[1]);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("null")]
    public void Empty_tool_call_arguments_are_an_empty_input_object(string arguments)
    {
        var hub = Hub(Messages($$$"""
            [{"role":"user","content":"Go"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"now","arguments":{{{arguments}}}}}]}]
            """));

        AssertJsonEqual("""{"type":"tool_use","id":"call_1","name":"now","input":{}}""", hub.GetProperty("messages")[1].GetProperty("content")[0]);
    }

    [Fact]
    public void Tool_call_arguments_keep_their_exact_values()
    {
        const string Arguments = """{"command":"grep -n \"a\\b\" *.cs","n":1.50,"deep":{"list":[true,null,"é"]}}""";
        var hub = Hub(Messages($$$"""
            [{"role":"user","content":"Go"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"Bash","arguments":{{{AnthropicEvents.Quote(Arguments)}}}}}]}]
            """));

        AssertJsonEqual(Arguments, hub.GetProperty("messages")[1].GetProperty("content")[0].GetProperty("input"));
    }

    [Fact]
    public void Refusal_parts_of_an_assistant_message_become_text()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Do it"},{"role":"assistant","content":[{"type":"refusal","refusal":"I can't help with that."},{"type":"text","text":"Anything else?"}]},{"role":"user","content":"No"}]
            """));

        AssertJsonEqual("""[{"type":"text","text":"I can't help with that."},{"type":"text","text":"Anything else?"}]""", hub.GetProperty("messages")[1].GetProperty("content"));
    }

    [Fact]
    public void Reasoning_content_and_names_on_messages_are_dropped()
    {
        var hub = Hub(Messages("""
            [{"role":"user","name":"alice","content":"Hi"},{"role":"assistant","name":"bot","reasoning_content":"The user greets me.","content":"Hello"},{"role":"user","content":"Bye"}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"Hi"}]},{"role":"assistant","content":[{"type":"text","text":"Hello"}]},{"role":"user","content":[{"type":"text","text":"Bye"}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void A_trailing_assistant_message_loses_its_trailing_white_space()
    {
        var hub = Hub(Messages("""[{"role":"user","content":"Say hi"},{"role":"assistant","content":"Hi there \n"}]"""));

        Assert.Equal("Hi there", hub.GetProperty("messages")[1].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Tool_call_ids_outside_Anthropics_alphabet_are_sanitised_the_same_on_both_sides()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Go"},
             {"role":"assistant","tool_calls":[{"id":"functions.Bash:0","type":"function","function":{"name":"Bash","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"functions.Bash:0","content":"ok"}]
            """));

        var toolUse = hub.GetProperty("messages")[1].GetProperty("content")[0];
        var toolResult = hub.GetProperty("messages")[2].GetProperty("content")[0];
        Assert.Equal("functions_Bash_0", toolUse.GetProperty("id").GetString());
        Assert.Equal("functions_Bash_0", toolResult.GetProperty("tool_use_id").GetString());
    }

    // ---- tool messages ----

    [Fact]
    public void A_tool_message_after_an_assistant_tool_call_becomes_a_tool_result_in_the_next_user_turn()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Weather?"},
             {"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"18°C, sunny"}]
            """));

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"Weather?"}]},
             {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"18°C, sunny"}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void Consecutive_tool_messages_merge_into_one_user_turn_and_a_following_user_message_joins_it()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Both?"},
             {"role":"assistant","tool_calls":[
               {"id":"call_1","type":"function","function":{"name":"a","arguments":"{}"}},
               {"id":"call_2","type":"function","function":{"name":"b","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"one"},
             {"role":"tool","tool_call_id":"call_2","content":"two"},
             {"role":"user","content":"Now summarise."}]
            """));

        AssertJsonEqual("""
            {"role":"user","content":[
              {"type":"tool_result","tool_use_id":"call_1","content":"one"},
              {"type":"tool_result","tool_use_id":"call_2","content":"two"},
              {"type":"text","text":"Now summarise."}]}
            """, hub.GetProperty("messages")[2]);
        Assert.Equal(3, hub.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public void Tool_results_come_first_in_their_user_turn_even_after_a_user_message()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Go"},
             {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"a","arguments":"{}"}}]},
             {"role":"user","content":"(interrupting)"},
             {"role":"tool","tool_call_id":"call_1","content":"done"}]
            """));

        AssertJsonEqual("""
            {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"done"},{"type":"text","text":"(interrupting)"}]}
            """, hub.GetProperty("messages")[2]);
    }

    [Fact]
    public void Tool_message_text_parts_become_tool_result_text_blocks_and_blank_content_is_left_out()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Go"},
             {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"a","arguments":"{}"}},{"id":"call_2","type":"function","function":{"name":"b","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":[{"type":"text","text":"line 1"},{"type":"text","text":""},{"type":"text","text":"line 2"}]},
             {"role":"tool","tool_call_id":"call_2","content":""}]
            """));

        AssertJsonEqual("""
            [{"type":"tool_result","tool_use_id":"call_1","content":[{"type":"text","text":"line 1"},{"type":"text","text":"line 2"}]},
             {"type":"tool_result","tool_use_id":"call_2"}]
            """, hub.GetProperty("messages")[2].GetProperty("content"));
    }

    // ---- tools and tool choice ----

    private const string WeatherTool = """{"type":"function","function":{"name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}}""";

    [Fact]
    public void Function_tools_become_Anthropic_tools_with_parameters_as_input_schema_and_strict_dropped()
    {
        var hub = Hub(Messages(Hi, $"\"tools\":[{WeatherTool}]"));

        AssertJsonEqual("""
            [{"name":"get_weather","description":"Weather for a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]
            """, hub.GetProperty("tools"));
    }

    [Fact]
    public void A_function_without_parameters_gets_an_empty_object_schema()
    {
        var hub = Hub(Messages(Hi, """ "tools":[{"type":"function","function":{"name":"now"}}] """));

        AssertJsonEqual("""[{"name":"now","input_schema":{"type":"object","properties":{}}}]""", hub.GetProperty("tools"));
    }

    [Fact]
    public void Tools_of_other_types_are_dropped_silently()
    {
        var hub = Hub(Messages(Hi, $$$""" "tools":[{"type":"custom","custom":{"name":"apply_patch"}},{{{WeatherTool}}},{"type":"web_search"}] """));

        var tool = Assert.Single(hub.GetProperty("tools").EnumerateArray());
        Assert.Equal("get_weather", tool.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("\"auto\"", """{"type":"auto"}""")]
    [InlineData("\"none\"", """{"type":"none"}""")]
    [InlineData("\"required\"", """{"type":"any"}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", """{"type":"tool","name":"get_weather"}""")]
    [InlineData("""{"type":"allowed_tools","allowed_tools":{"mode":"required","tools":[]}}""", """{"type":"any"}""")]
    [InlineData("""{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}}""", """{"type":"auto"}""")]
    public void Tool_choice_maps_to_Anthropics(string toolChoice, string expected)
    {
        var hub = Hub(Messages(Hi, $"\"tools\":[{WeatherTool}],\"tool_choice\":{toolChoice}"));

        AssertJsonEqual(expected, hub.GetProperty("tool_choice"));
    }

    [Theory]
    [InlineData("", """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData(",\"tool_choice\":\"required\"", """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData(",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}", """{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}""")]
    [InlineData(",\"tool_choice\":\"none\"", """{"type":"none"}""")]
    public void Parallel_tool_calls_false_disables_parallel_tool_use_on_the_tool_choice(string toolChoice, string expected)
    {
        var hub = Hub(Messages(Hi, $"\"tools\":[{WeatherTool}],\"parallel_tool_calls\":false{toolChoice}"));

        AssertJsonEqual(expected, hub.GetProperty("tool_choice"));
    }

    [Fact]
    public void Parallel_tool_calls_true_adds_nothing()
    {
        var hub = Hub(Messages(Hi, $"\"tools\":[{WeatherTool}],\"parallel_tool_calls\":true"));

        Assert.False(hub.TryGetProperty("tool_choice", out _));
    }

    [Fact]
    public void Without_tools_no_tool_choice_is_sent()
    {
        var hub = Hub(Messages(Hi, "\"tool_choice\":\"auto\",\"parallel_tool_calls\":false"));

        Assert.False(hub.TryGetProperty("tools", out _));
        Assert.False(hub.TryGetProperty("tool_choice", out _));
    }

    // ---- limits and sampling ----

    [Theory]
    [InlineData("\"max_completion_tokens\":300,\"max_tokens\":100", 300)]
    [InlineData("\"max_tokens\":100,\"max_completion_tokens\":300", 300)]
    [InlineData("\"max_tokens\":100", 100)]
    [InlineData("\"max_tokens\":null", 8192)]
    [InlineData("\"seed\":1", 8192)]
    public void Max_completion_tokens_is_preferred_then_max_tokens_then_8192(string fields, int expected)
    {
        var hub = Hub(Messages(Hi, fields));

        Assert.Equal(expected, hub.GetProperty("max_tokens").GetInt32());
    }

    [Theory]
    [InlineData("\"stop\":\"END\"", """["END"]""")]
    [InlineData("\"stop\":[\"END\",\"\\n\\nHuman:\"]", """["END","\n\nHuman:"]""")]
    [InlineData("\"stop\":[\"\",\"X\"]", """["X"]""")]
    public void A_stop_string_or_array_becomes_stop_sequences(string fields, string expected)
    {
        var hub = Hub(Messages(Hi, fields));

        AssertJsonEqual(expected, hub.GetProperty("stop_sequences"));
    }

    [Theory]
    [InlineData("\"stop\":null")]
    [InlineData("\"stop\":[]")]
    [InlineData("\"stop\":\"\"")]
    public void No_stop_means_no_stop_sequences(string fields)
    {
        Assert.False(Hub(Messages(Hi, fields)).TryGetProperty("stop_sequences", out _));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.7", 0.7)]
    [InlineData("1", 1)]
    [InlineData("1.5", 1)]
    [InlineData("2", 1)]
    public void Temperature_is_clamped_to_Anthropics_range(string temperature, double expected)
    {
        var hub = Hub(Messages(Hi, $"\"temperature\":{temperature}"));

        Assert.Equal(expected, hub.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public void Top_p_is_copied()
    {
        var hub = Hub(Messages(Hi, "\"top_p\":0.9"));

        Assert.Equal("0.9", hub.GetProperty("top_p").GetRawText());
    }

    // ---- reasoning ----

    [Theory]
    [InlineData("minimal", 1024)]
    [InlineData("low", 2048)]
    [InlineData("medium", 8192)]
    [InlineData("high", 24576)]
    public void Reasoning_effort_becomes_a_thinking_budget(string effort, int budget)
    {
        var hub = Hub(Messages(Hi, $"\"reasoning_effort\":\"{effort}\",\"max_completion_tokens\":64000"));

        AssertJsonEqual($$$"""{"type":"enabled","budget_tokens":{{{budget}}}}""", hub.GetProperty("thinking"));
        Assert.Equal(64000, hub.GetProperty("max_tokens").GetInt32());
    }

    [Theory]
    [InlineData("\"reasoning_effort\":\"high\",\"max_tokens\":1000", 24576 + 1000)]
    [InlineData("\"reasoning_effort\":\"medium\",\"max_tokens\":8192", 8192 + 8192)]
    [InlineData("\"reasoning_effort\":\"medium\"", 8192 + 8192)]
    [InlineData("\"reasoning_effort\":\"low\",\"max_tokens\":2049", 2049)]
    public void Max_tokens_is_raised_above_the_thinking_budget_when_it_is_not_larger(string fields, int expected)
    {
        var hub = Hub(Messages(Hi, fields));

        Assert.Equal(expected, hub.GetProperty("max_tokens").GetInt32());
        Assert.True(hub.GetProperty("max_tokens").GetInt32() > hub.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    [Fact]
    public void Thinking_drops_temperature_and_top_p()
    {
        var hub = Hub(Messages(Hi, "\"reasoning_effort\":\"low\",\"temperature\":0.2,\"top_p\":0.5"));

        Assert.True(hub.TryGetProperty("thinking", out _));
        Assert.False(hub.TryGetProperty("temperature", out _));
        Assert.False(hub.TryGetProperty("top_p", out _));
    }

    [Theory]
    [InlineData("\"reasoning_effort\":\"none\"")]
    [InlineData("\"reasoning_effort\":null")]
    public void Reasoning_effort_none_asks_for_no_thinking(string fields)
    {
        var hub = Hub(Messages(Hi, fields + ",\"temperature\":0.3"));

        Assert.False(hub.TryGetProperty("thinking", out _));
        Assert.Equal(0.3, hub.GetProperty("temperature").GetDouble());
    }

    [Theory]
    [InlineData("\"required\"")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""")]
    public void Thinking_is_left_off_when_a_tool_is_forced(string toolChoice)
    {
        var hub = Hub(Messages(Hi, $"\"reasoning_effort\":\"high\",\"tools\":[{WeatherTool}],\"tool_choice\":{toolChoice}"));

        Assert.False(hub.TryGetProperty("thinking", out _));
        Assert.Equal(8192, hub.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public void Thinking_is_left_off_when_the_request_continues_a_tool_loop()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Weather?"},
             {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"sunny"}]
            """, $"\"reasoning_effort\":\"medium\",\"tools\":[{WeatherTool}]"));

        Assert.False(hub.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void Thinking_is_left_off_when_the_last_message_is_an_assistant_prefill()
    {
        var hub = Hub(Messages("""[{"role":"user","content":"Name a colour."},{"role":"assistant","content":"The colour is"}]""", "\"reasoning_effort\":\"low\""));

        Assert.False(hub.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void Thinking_stays_on_once_a_new_user_question_follows_a_finished_tool_loop()
    {
        var hub = Hub(Messages("""
            [{"role":"user","content":"Weather?"},
             {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"sunny"},
             {"role":"assistant","content":"Sunny."},
             {"role":"user","content":"And tomorrow?"}]
            """, $"\"reasoning_effort\":\"medium\",\"tools\":[{WeatherTool}]"));

        Assert.Equal(8192, hub.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    // ---- response format ----

    [Fact]
    public void Response_format_text_adds_nothing()
    {
        var hub = Hub(Messages(Hi, """ "response_format":{"type":"text"} """));

        Assert.False(hub.TryGetProperty("system", out _));
    }

    [Fact]
    public void Response_format_json_object_appends_a_JSON_instruction_to_the_system()
    {
        var hub = Hub(Messages("""[{"role":"system","content":"Base."},{"role":"user","content":"Hi"}]""", """ "response_format":{"type":"json_object"} """));

        var system = hub.GetProperty("system").GetString()!;
        Assert.StartsWith("Base.\n\nRespond with a single JSON object only", system, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_format_json_schema_appends_the_instruction_and_the_schema()
    {
        const string Schema = """{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}""";
        var hub = Hub(Messages(Hi, $$$""" "response_format":{"type":"json_schema","json_schema":{"name":"reply","strict":true,"schema":{{{Schema}}}}} """));

        var system = hub.GetProperty("system").GetString()!;
        Assert.StartsWith("Respond with a single JSON object only", system, StringComparison.Ordinal);
        var schemaText = system[system.IndexOf('{', StringComparison.Ordinal)..];
        AssertJsonEqual(Schema, schemaText);
    }

    // ---- user id ----

    [Theory]
    [InlineData("\"user\":\"u-1\"", "u-1")]
    [InlineData("\"prompt_cache_key\":\"conv-9\"", "conv-9")]
    [InlineData("\"user\":\"u-1\",\"prompt_cache_key\":\"conv-9\"", "u-1")]
    [InlineData("\"prompt_cache_key\":\"conv-9\",\"user\":\"u-1\"", "u-1")]
    [InlineData("\"safety_identifier\":\"s-2\",\"prompt_cache_key\":\"conv-9\"", "s-2")]
    public void User_becomes_metadata_user_id_and_prompt_cache_key_stands_in_when_it_is_absent(string fields, string expected)
    {
        var hub = Hub(Messages(Hi, fields));

        Assert.Equal(expected, hub.GetProperty("metadata").GetProperty("user_id").GetString());
    }

    [Fact]
    public void Without_user_or_prompt_cache_key_there_is_no_metadata()
    {
        Assert.False(Hub(Messages(Hi)).TryGetProperty("metadata", out _));
    }

    // ---- ignored fields ----

    [Fact]
    public void Fields_the_hub_has_no_use_for_are_ignored()
    {
        const string Ignored = """
            "logprobs":true,"top_logprobs":3,"seed":7,"frequency_penalty":0.5,"presence_penalty":-1,"logit_bias":{"50256":-100},
            "store":true,"metadata":{"k":"v"},"service_tier":"auto","modalities":["text"],"audio":{"voice":"alloy","format":"mp3"},
            "prediction":{"type":"content","content":"x"},"web_search_options":{},"verbosity":"low","n":1
            """;

        Assert.Equal(Turns(Hub(Messages(Hi))), Turns(Hub(Messages(Hi, Ignored))));
        AssertJsonEqual(Hub(Messages(Hi)).GetRawText(), Hub(Messages(Hi, Ignored)));
    }
}
