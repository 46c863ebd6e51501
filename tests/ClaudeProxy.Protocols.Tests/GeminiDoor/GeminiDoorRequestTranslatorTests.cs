using System.Text;
using ClaudeProxy.Protocols.Doors.Gemini;
using Xunit;
using static ClaudeProxy.Protocols.Tests.GeminiDoor.GeminiDoorDriver;

namespace ClaudeProxy.Protocols.Tests.GeminiDoor;

/// <summary>
/// How a Gemini request becomes the Anthropic Messages request the gateway routes: each row of the
/// mapping, checked on the hub JSON.
/// </summary>
public sealed class GeminiDoorRequestTranslatorTests
{
    // ---- the request itself ----

    [Fact]
    public void A_minimal_request_becomes_the_path_model_the_default_max_tokens_and_one_user_turn()
    {
        var hub = Hub(Hi());

        AssertJsonEqual("""{"model":"gemini-2.5-pro","max_tokens":32000,"messages":[@0]}""".Fill(HiTurn), hub);
        Assert.Equal(32000, GeminiDoorRequestTranslator.DefaultMaxTokens);
    }

    [Fact]
    public void The_result_reports_the_model_without_its_models_prefix_and_the_stream_flag()
    {
        var result = GeminiDoorRequestTranslator.Translate(Encoding.UTF8.GetBytes(Hi()), "models/gemini-2.5-flash", stream: true);

        Assert.Equal("gemini-2.5-flash", result.Model);
        Assert.True(result.Stream);
        Assert.Empty(result.DroppedTools);
        Assert.False(result.IncludeThoughts);
        AssertJsonEqual("""{"model":"gemini-2.5-flash","max_tokens":32000,"messages":[@0],"stream":true}""".Fill(HiTurn), Succeeded(result));
    }

    [Fact]
    public void The_body_model_field_is_ignored_in_favour_of_the_path()
    {
        var hub = Hub(Hi("\"model\":\"models/gemini-1.0-pro\""));

        Assert.Equal("gemini-2.5-pro", hub.GetProperty("model").GetString());
    }

    [Fact]
    public void Safety_settings_labels_and_unknown_fields_are_ignored()
    {
        var hub = Hub(Hi("""
            "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}],"labels":{"team":"a"},"serviceTier":"standard"
            """));

        AssertJsonEqual("""{"model":"gemini-2.5-pro","max_tokens":32000,"messages":[@0]}""".Fill(HiTurn), hub);
    }

    // ---- system instruction ----

    [Fact]
    public void System_instruction_texts_become_one_system_string_joined_by_a_blank_line_with_blank_parts_dropped()
    {
        var hub = Hub(Hi("""
            "systemInstruction":{"role":"user","parts":[{"text":"You are terse."},{"text":"  "},{"text":"Answer in French."}]}
            """));

        Assert.Equal("You are terse.\n\nAnswer in French.", hub.GetProperty("system").GetString());
    }

    [Fact]
    public void The_snake_case_system_instruction_is_taken_too()
    {
        var hub = Hub(Hi("""
            "system_instruction":{"parts":[{"text":"Be brief."}]}
            """));

        Assert.Equal("Be brief.", hub.GetProperty("system").GetString());
    }

    // ---- contents ----

    [Fact]
    public void User_and_model_roles_become_user_and_assistant_turns_and_a_missing_role_is_user()
    {
        var hub = Hub("""
            {"contents":[{"parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello."}]},{"role":"user","parts":[{"text":"Bye"}]}]}
            """);

        Assert.Equal(
        [
            HiTurn,
            """{"role":"assistant","content":[{"type":"text","text":"Hello."}]}""",
            """{"role":"user","content":[{"type":"text","text":"Bye"}]}""",
        ], Turns(hub));
    }

    [Fact]
    public void Consecutive_contents_of_one_role_merge_and_empty_ones_disappear()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"One"}]},{"role":"model","parts":[]},{"role":"user","parts":[{"text":"Two"},{"text":" "}]},{"role":"user"}]}
            """);

        Assert.Equal(["""{"role":"user","content":[{"type":"text","text":"One"},{"type":"text","text":"Two"}]}"""], Turns(hub));
    }

    [Fact]
    public void Texts_are_copied_as_the_client_escaped_them()
    {
        var result = Translate("""{"contents":[{"role":"user","parts":[{"text":"caf\u00e9 \"quoted\"\n"}]}]}""");

        Assert.Contains("""
            "text":"caf\u00e9 \"quoted\"\n"
            """.Trim(), Encoding.UTF8.GetString(Succeeded(result)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_own_thought_parts_are_dropped_from_the_history()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Hi"}]},
             {"role":"model","parts":[{"text":"**Thinking** about it","thought":true},{"text":"Hello."}]},
             {"role":"user","parts":[{"text":"Bye"}]}]}
            """);

        Assert.Equal("""{"role":"assistant","content":[{"type":"text","text":"Hello."}]}""", Turns(hub)[1]);
    }

    [Fact]
    public void A_final_model_turn_is_a_prefill_and_loses_its_trailing_white_space()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"The answer is \n"}]}]}
            """);

        Assert.Equal("""{"role":"assistant","content":[{"type":"text","text":"The answer is"}]}""", Turns(hub)[1]);
    }

    [Fact]
    public void Inline_images_become_base64_image_blocks_with_the_data_copied()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"What is this?"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},{"inline_data":{"mime_type":"image/jpg","data":"/9j/4AAQ"}}]}]}
            """);

        AssertJsonEqual("""
            [{"role":"user","content":[{"type":"text","text":"What is this?"},
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
              {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}}]}]
            """, hub.GetProperty("messages"));
    }

    [Fact]
    public void An_inline_pdf_becomes_a_base64_document_block()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"application/pdf","data":"JVBERi0x"}},{"text":"Summarise."}]}]}
            """);

        AssertJsonEqual("""
            {"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0x"}},{"type":"text","text":"Summarise."}]}
            """, hub.GetProperty("messages")[0]);
    }

    [Fact]
    public void Url_safe_base64_is_rewritten_in_the_standard_alphabet_with_padding()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"image/png","data":"ab-_cd"}}]}]}
            """);

        Assert.Equal("ab+/cd==", hub.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("source").GetProperty("data").GetString());
    }

    // ---- function calls and responses ----

    [Fact]
    public void A_function_call_with_an_id_becomes_a_tool_use_and_its_response_a_tool_result_first_in_the_user_turn()
    {
        var hub = Hub("""
            {"contents":[
              {"role":"user","parts":[{"text":"Weather in Paris?"}]},
              {"role":"model","parts":[{"text":"Checking."},{"functionCall":{"id":"call_1","name":"get_weather","args":{"city":"Paris"}}}]},
              {"role":"user","parts":[{"text":"Thanks"},{"functionResponse":{"id":"call_1","name":"get_weather","response":{"output":"Sunny"}}}]}]}
            """);

        Assert.Equal(
        [
            """{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]}""",
            """{"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}}]}""",
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"Sunny"},{"type":"text","text":"Thanks"}]}""",
        ], Turns(hub));
    }

    [Fact]
    public void Calls_without_ids_get_ids_from_their_position_and_responses_pair_with_them_by_name_in_order()
    {
        var hub = Hub("""
            {"contents":[
              {"role":"user","parts":[{"text":"Read both."}]},
              {"role":"model","parts":[{"functionCall":{"name":"read_file","args":{"path":"a"}}},{"functionCall":{"name":"ls"}},{"functionCall":{"name":"read_file","args":{"path":"b"}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"read_file","response":{"output":"A"}}},{"functionResponse":{"name":"read_file","response":{"output":"B"}}},{"functionResponse":{"id":"ls-1700000000-ab12","name":"ls","response":{"output":"x"}}}]}]}
            """);

        Assert.Equal(
        [
            """{"role":"assistant","content":[{"type":"tool_use","id":"toolu_gemini_1_0","name":"read_file","input":{"path":"a"}},{"type":"tool_use","id":"toolu_gemini_1_1","name":"ls","input":{}},{"type":"tool_use","id":"toolu_gemini_1_2","name":"read_file","input":{"path":"b"}}]}""",
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_gemini_1_0","content":"A"},{"type":"tool_result","tool_use_id":"toolu_gemini_1_2","content":"B"},{"type":"tool_result","tool_use_id":"toolu_gemini_1_1","content":"x"}]}""",
        ], Turns(hub)[1..]);
    }

    [Fact]
    public void Call_ids_outside_anthropics_alphabet_are_sanitised_alike_on_call_and_response()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Go"}]},
              {"role":"model","parts":[{"functionCall":{"id":"functions.ls:0","name":"ls","args":{}}}]},
              {"role":"user","parts":[{"functionResponse":{"id":"functions.ls:0","name":"ls","response":{"output":"x"}}}]}]}
            """);

        Assert.Equal("functions_ls_0", hub.GetProperty("messages")[1].GetProperty("content")[0].GetProperty("id").GetString());
        Assert.Equal("functions_ls_0", hub.GetProperty("messages")[2].GetProperty("content")[0].GetProperty("tool_use_id").GetString());
    }

    [Theory]
    [InlineData("""{"output":"done"}""", """{"type":"tool_result","tool_use_id":"c1","content":"done"}""")]
    [InlineData("""{"result":"42"}""", """{"type":"tool_result","tool_use_id":"c1","content":"42"}""")]
    [InlineData("""{"files":["a","b"],"count":2}""", """{"type":"tool_result","tool_use_id":"c1","content":"{\"files\":[\"a\",\"b\"],\"count\":2}"}""")]
    [InlineData("""{"output":3}""", """{"type":"tool_result","tool_use_id":"c1","content":"{\"output\":3}"}""")]
    [InlineData("""{"error":"File not found"}""", """{"type":"tool_result","tool_use_id":"c1","content":"File not found","is_error":true}""")]
    [InlineData("""{"error":{"code":2}}""", """{"type":"tool_result","tool_use_id":"c1","content":"{\"error\":{\"code\":2}}","is_error":true}""")]
    [InlineData("""{"output":"   "}""", """{"type":"tool_result","tool_use_id":"c1"}""")]
    [InlineData("{}", """{"type":"tool_result","tool_use_id":"c1"}""")]
    public void A_function_response_becomes_the_tool_result_content(string response, string expected)
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Go"}]},
              {"role":"model","parts":[{"functionCall":{"id":"c1","name":"f"}}]},
              {"role":"user","parts":[{"functionResponse":{"id":"c1","name":"f","response":@0}}]}]}
            """.Fill(response));

        AssertJsonEqual(expected, hub.GetProperty("messages")[2].GetProperty("content")[0]);
    }

    [Fact]
    public void Images_a_function_returns_in_its_parts_follow_the_text_in_the_tool_result()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Look"}]},
              {"role":"model","parts":[{"functionCall":{"id":"c1","name":"read_file","args":{"path":"a.png"}}}]},
              {"role":"user","parts":[{"functionResponse":{"id":"c1","name":"read_file","response":{"output":"a.png"},"parts":[{"inlineData":{"mimeType":"image/png","data":"iVBO"}}]}}]}]}
            """);

        AssertJsonEqual("""
            {"type":"tool_result","tool_use_id":"c1","content":[{"type":"text","text":"a.png"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO"}}]}
            """, hub.GetProperty("messages")[2].GetProperty("content")[0]);
    }

    [Fact]
    public void Snake_case_function_call_and_response_are_taken_too()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Go"}]},
              {"role":"model","parts":[{"function_call":{"name":"f","args":{"a":1}}}]},
              {"role":"user","parts":[{"function_response":{"name":"f","response":{"output":"ok"}}}]}]}
            """);

        Assert.Equal(
        [
            """{"role":"assistant","content":[{"type":"tool_use","id":"toolu_gemini_1_0","name":"f","input":{"a":1}}]}""",
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_gemini_1_0","content":"ok"}]}""",
        ], Turns(hub)[1..]);
    }

    // ---- thought signatures ----

    [Fact]
    public void A_signature_this_door_packed_restores_the_thinking_blocks_before_the_part_that_carries_it()
    {
        var signature = GeminiDoorThoughtSignature.Pack([GeminiDoorThinking.Signed("Let me look.", "EqQBsig"), GeminiDoorThinking.Redacted("opaque")]);
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Go"}]},
              {"role":"model","parts":[{"functionCall":{"id":"c1","name":"ls","args":{}},"thoughtSignature":"@0"}]},
              {"role":"user","parts":[{"functionResponse":{"id":"c1","name":"ls","response":{"output":"x"}}}]}],
             "generationConfig":{"thinkingConfig":{"thinkingBudget":2048}}}
            """.Fill(signature));

        Assert.Equal(
            """{"role":"assistant","content":[{"type":"thinking","thinking":"Let me look.","signature":"EqQBsig"},{"type":"redacted_thinking","data":"opaque"},{"type":"tool_use","id":"c1","name":"ls","input":{}}]}""",
            Turns(hub)[1]);
        AssertJsonEqual("""{"type":"enabled","budget_tokens":2048}""", hub.GetProperty("thinking"));
    }

    [Fact]
    public void A_packed_signature_on_a_thought_part_is_restored_once_even_when_the_next_part_carries_it_again()
    {
        var signature = GeminiDoorThoughtSignature.Pack([GeminiDoorThinking.Signed("Hmm.", "EqQBsig")]);
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Hi"}]},
              {"role":"model","parts":[{"text":"Hmm.","thought":true,"thoughtSignature":"@0"},{"text":"Hello.","thought_signature":"@1"}]},
              {"role":"user","parts":[{"text":"Bye"}]}]}
            """.Fill(signature, signature));

        Assert.Equal("""{"role":"assistant","content":[{"type":"thinking","thinking":"Hmm.","signature":"EqQBsig"},{"type":"text","text":"Hello."}]}""", Turns(hub)[1]);
    }

    [Theory]
    [InlineData("skip_thought_signature_validator")]
    [InlineData("CiQB0e2Kb3genuineGeminiSignature")]
    [InlineData("cpxg1.not-base64-json")]
    public void Other_thought_signatures_mean_nothing_to_the_hub_and_are_dropped(string signature)
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Go"}]},
              {"role":"model","parts":[{"functionCall":{"id":"c1","name":"ls","args":{}},"thoughtSignature":"@0"}]},
              {"role":"user","parts":[{"functionResponse":{"id":"c1","name":"ls","response":{"output":"x"}}}]}]}
            """.Fill(signature));

        Assert.Equal("""{"role":"assistant","content":[{"type":"tool_use","id":"c1","name":"ls","input":{}}]}""", Turns(hub)[1]);
    }

    // ---- tools ----

    [Fact]
    public void Function_declarations_become_tools_with_json_schema_copied_and_openapi_types_lower_cased()
    {
        var hub = Hub(Hi("""
            "tools":[{"functionDeclarations":[
              {"name":"read_file","description":"Reads a file.","parametersJsonSchema":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}},
              {"name":"set_mode","parameters":{"type":"OBJECT","properties":{"mode":{"type":"STRING","enum":["FAST","OBJECT"]},"type":{"type":"ARRAY","items":{"type":"INTEGER"}},"opt":{"anyOf":[{"type":"NUMBER"},{"type":"NULL"}],"default":{"type":"KEEP"}}}}},
              {"name":"now"}]}]
            """));

        AssertJsonEqual("""
            [{"name":"read_file","description":"Reads a file.","input_schema":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}},
             {"name":"set_mode","input_schema":{"type":"object","properties":{"mode":{"type":"string","enum":["FAST","OBJECT"]},"type":{"type":"array","items":{"type":"integer"}},"opt":{"anyOf":[{"type":"number"},{"type":"null"}],"default":{"type":"KEEP"}}}}},
             {"name":"now","input_schema":{"type":"object","properties":{}}}]
            """, hub.GetProperty("tools"));
    }

    [Fact]
    public void A_schema_root_without_a_type_is_given_type_object()
    {
        var hub = Hub(Hi("""
            "tools":[{"function_declarations":[{"name":"a","parameters_json_schema":{"properties":{"x":{"type":"string"}}}},{"name":"b","parameters":{"properties":{"y":{"type":"BOOLEAN"}}}}]}]
            """));

        AssertJsonEqual("""
            [{"name":"a","input_schema":{"type":"object","properties":{"x":{"type":"string"}}}},
             {"name":"b","input_schema":{"type":"object","properties":{"y":{"type":"boolean"}}}}]
            """, hub.GetProperty("tools"));
    }

    [Fact]
    public void Googles_own_tools_are_dropped_and_reported_never_refused()
    {
        var result = Translate(Hi("""
            "tools":[{"googleSearch":{}},{"codeExecution":{}},{"url_context":{}},{"googleSearch":{}},{"functionDeclarations":[{"name":"ls"}],"googleSearchRetrieval":{}}]
            """));

        Assert.Equal(["googleSearch", "codeExecution", "url_context", "googleSearchRetrieval"], result.DroppedTools);
        AssertJsonEqual("""[{"name":"ls","input_schema":{"type":"object","properties":{}}}]""", Parse(Succeeded(result)).GetProperty("tools"));
    }

    [Fact]
    public void Only_googles_tools_leave_no_tools_and_no_tool_choice()
    {
        var hub = Hub(Hi("""
            "tools":[{"googleSearch":{}}],"toolConfig":{"functionCallingConfig":{"mode":"ANY"}}
            """));

        Assert.False(hub.TryGetProperty("tools", out _));
        Assert.False(hub.TryGetProperty("tool_choice", out _));
    }

    [Theory]
    [InlineData("\"mode\":\"AUTO\"", """{"type":"auto"}""")]
    [InlineData("\"mode\":\"auto\"", """{"type":"auto"}""")]
    [InlineData("\"mode\":\"VALIDATED\"", """{"type":"auto"}""")]
    [InlineData("\"mode\":\"ANY\"", """{"type":"any"}""")]
    [InlineData("\"mode\":\"ANY\",\"allowedFunctionNames\":[\"b\",\"a\"]", """{"type":"any"}""")]
    [InlineData("\"mode\":\"ANY\",\"allowedFunctionNames\":[\"b\"]", """{"type":"tool","name":"b"}""")]
    [InlineData("\"mode\":\"NONE\"", """{"type":"none"}""")]
    public void The_function_calling_mode_becomes_the_tool_choice(string config, string expected)
    {
        var hub = Hub(Hi("""
            "tools":[{"functionDeclarations":[{"name":"a"},{"name":"b"}]}],"toolConfig":{"functionCallingConfig":{@0}}
            """.Fill(config)));

        AssertJsonEqual(expected, hub.GetProperty("tool_choice"));
    }

    [Fact]
    public void An_unspecified_mode_sets_no_tool_choice()
    {
        var hub = Hub(Hi("""
            "tools":[{"functionDeclarations":[{"name":"a"}]}],"tool_config":{"function_calling_config":{"mode":"MODE_UNSPECIFIED"}}
            """));

        Assert.False(hub.TryGetProperty("tool_choice", out _));
    }

    // ---- generation config ----

    [Fact]
    public void Limits_sampling_and_stop_sequences_are_copied_with_temperature_clamped_to_one()
    {
        var hub = Hub(Hi("""
            "generationConfig":{"maxOutputTokens":1024,"temperature":1.5,"topK":40,"stopSequences":["END","","STOP"],"candidateCount":1,"seed":7,"presencePenalty":0.5}
            """));

        AssertJsonEqual("""
            {"model":"gemini-2.5-pro","max_tokens":1024,"messages":[@0],"stop_sequences":["END","STOP"],"temperature":1,"top_k":40}
            """.Fill(HiTurn), hub);
    }

    [Fact]
    public void Top_p_is_sent_only_without_a_temperature_since_recent_claude_models_refuse_both()
    {
        var both = Hub(Hi("\"generationConfig\":{\"temperature\":0.2,\"topP\":0.95}"));
        var alone = Hub(Hi("\"generation_config\":{\"top_p\":0.95}"));

        Assert.Equal(0.2, both.GetProperty("temperature").GetDouble());
        Assert.False(both.TryGetProperty("top_p", out _));
        Assert.Equal(0.95, alone.GetProperty("top_p").GetDouble());
    }

    [Fact]
    public void Json_output_becomes_a_system_instruction_after_the_client_system_text()
    {
        var hub = Hub(Hi("""
            "systemInstruction":{"parts":[{"text":"Classify."}]},"generationConfig":{"responseMimeType":"application/json"}
            """));

        Assert.Equal("Classify.\n\nRespond with a single JSON value only: no text, code fence or explanation before or after it.", hub.GetProperty("system").GetString());
    }

    [Theory]
    [InlineData("responseJsonSchema")]
    [InlineData("responseSchema")]
    public void A_response_schema_is_quoted_in_the_json_instruction(string field)
    {
        var hub = Hub(Hi("""
            "generationConfig":{"responseMimeType":"application/json","@0":{"type":"object","properties":{"next":{"type":"string"}}}}
            """.Fill(field)));

        Assert.Equal(
            "Respond with a single JSON value only: no text, code fence or explanation before or after it.\nThe JSON value must conform to this JSON Schema:\n{\"type\":\"object\",\"properties\":{\"next\":{\"type\":\"string\"}}}",
            hub.GetProperty("system").GetString());
    }

    [Theory]
    [InlineData("\"thinkingBudget\":4096", 4096)]
    [InlineData("\"thinkingBudget\":-1", 8192)]
    [InlineData("\"thinkingBudget\":300", 1024)]
    [InlineData("\"includeThoughts\":true", 8192)]
    [InlineData("\"thinkingLevel\":\"MINIMAL\"", 1024)]
    [InlineData("\"thinkingLevel\":\"low\"", 2048)]
    [InlineData("\"thinkingLevel\":\"MEDIUM\"", 8192)]
    [InlineData("\"thinkingLevel\":\"HIGH\"", 24576)]
    [InlineData("\"thinkingBudget\":2048,\"thinkingLevel\":\"HIGH\"", 2048)]
    public void The_thinking_config_becomes_a_thinking_budget(string config, int budget)
    {
        var hub = Hub(Hi("""
            "generationConfig":{"thinkingConfig":{@0}}
            """.Fill(config)));

        AssertJsonEqual("""{"type":"enabled","budget_tokens":@0}""".Fill(budget), hub.GetProperty("thinking"));
    }

    [Fact]
    public void A_thinking_budget_of_zero_turns_thinking_off()
    {
        var hub = Hub(Hi("\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":0,\"includeThoughts\":true}}"));

        Assert.False(hub.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void With_thinking_on_the_sampling_settings_are_left_out_and_include_thoughts_is_reported()
    {
        var result = Translate(Hi("""
            "generationConfig":{"temperature":0.5,"topP":1,"topK":64,"thinkingConfig":{"includeThoughts":true,"thinkingBudget":8192}}
            """));

        Assert.True(result.IncludeThoughts);
        AssertJsonEqual("""
            {"model":"gemini-2.5-pro","max_tokens":32000,"messages":[@0],"thinking":{"type":"enabled","budget_tokens":8192}}
            """.Fill(HiTurn), Parse(Succeeded(result)));
    }

    [Fact]
    public void A_thinking_budget_not_below_the_output_limit_raises_max_tokens_by_the_budget()
    {
        var hub = Hub(Hi("\"generationConfig\":{\"maxOutputTokens\":2000,\"thinkingConfig\":{\"thinkingBudget\":4000}}"));

        Assert.Equal(6000, hub.GetProperty("max_tokens").GetInt32());
        Assert.Equal(4000, hub.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    [Fact]
    public void Thinking_is_left_off_when_a_function_call_is_forced()
    {
        var hub = Hub(Hi("""
            "tools":[{"functionDeclarations":[{"name":"a"}]}],"toolConfig":{"functionCallingConfig":{"mode":"ANY"}},"generationConfig":{"thinkingConfig":{"thinkingBudget":2048}}
            """));

        Assert.False(hub.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void Thinking_is_left_off_after_a_prefill()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Well"}]}],"generationConfig":{"thinkingConfig":{"thinkingBudget":2048}}}
            """);

        Assert.False(hub.TryGetProperty("thinking", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gw1.gemini.c2ln")]
    public void Thinking_is_left_off_in_a_tool_loop_whose_last_model_turn_brought_back_no_thinking_anthropic_signed(string? signature)
    {
        var thoughtSignature = signature is null ? "" : $",\"thoughtSignature\":\"{GeminiDoorThoughtSignature.Pack([GeminiDoorThinking.Signed("", signature)])}\"";
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Go"}]},
              {"role":"model","parts":[{"functionCall":{"id":"c1","name":"ls","args":{}}@0}]},
              {"role":"user","parts":[{"functionResponse":{"id":"c1","name":"ls","response":{"output":"x"}}}]}],
             "generationConfig":{"temperature":0.3,"thinkingConfig":{"thinkingBudget":2048}}}
            """.Fill(thoughtSignature));

        Assert.False(hub.TryGetProperty("thinking", out _));
        Assert.Equal(0.3, hub.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public void Thinking_stays_on_once_the_tool_loop_has_ended_with_a_text_answer()
    {
        var hub = Hub("""
            {"contents":[{"role":"user","parts":[{"text":"Go"}]},
              {"role":"model","parts":[{"functionCall":{"id":"c1","name":"ls","args":{}}}]},
              {"role":"user","parts":[{"functionResponse":{"id":"c1","name":"ls","response":{"output":"x"}}}]},
              {"role":"model","parts":[{"text":"Done."}]},
              {"role":"user","parts":[{"text":"Thanks"}]}],
             "generationConfig":{"thinkingConfig":{"thinkingBudget":2048}}}
            """);

        Assert.Equal(2048, hub.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    // ---- countTokens ----

    [Fact]
    public void A_count_tokens_body_with_contents_becomes_a_count_tokens_body()
    {
        var hub = CountTokensHub(Hi());

        AssertJsonEqual("""{"model":"gemini-2.5-pro","messages":[@0]}""".Fill(HiTurn), hub);
    }

    [Fact]
    public void A_count_tokens_body_with_a_generate_content_request_counts_its_system_and_tools_but_sends_no_limits()
    {
        var hub = CountTokensHub("""
            {"generateContentRequest":{"model":"models/gemini-2.5-pro","contents":[{"role":"user","parts":[{"text":"Hi"}]}],
              "systemInstruction":{"parts":[{"text":"Be brief."}]},"tools":[{"functionDeclarations":[{"name":"ls"}]}],
              "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}},
              "generationConfig":{"maxOutputTokens":100,"temperature":0.1,"thinkingConfig":{"thinkingBudget":1024}}}}
            """);

        AssertJsonEqual("""
            {"model":"gemini-2.5-pro","system":"Be brief.","messages":[@0],
             "tools":[{"name":"ls","input_schema":{"type":"object","properties":{}}}],"tool_choice":{"type":"auto"}}
            """.Fill(HiTurn), hub);
    }

    [Fact]
    public void Problems_in_a_count_tokens_request_name_the_field_under_generate_content_request()
    {
        var result = GeminiDoorRequestTranslator.TranslateCountTokens(
            Encoding.UTF8.GetBytes("""{"generateContentRequest":{"contents":[{"role":"robot","parts":[]}]}}"""), Model);

        Assert.Null(result.Body);
        Assert.Equal("generateContentRequest.contents[0].role: 'robot' is not one of user, model", result.Problem);
    }
}
