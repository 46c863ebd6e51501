using System.Text;
using ClaudeProxy.Protocols.Tokens;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Tokens;

public sealed class MessageTokenCounterTests
{
    // An instance of its own, so the counts are checked against the vocabulary, not against the counter.
    private static readonly TiktokenTokenizer Reference = TiktokenTokenizer.CreateForEncoding("o200k_base");

    private const int Base = MessageTokenCounter.RequestOverhead;
    private const int PerMessage = MessageTokenCounter.MessageOverhead;

    private static int Count(string json) => MessageTokenCounter.Count(Encoding.UTF8.GetBytes(json));

    private static int Tokens(string text) => Reference.CountTokens(text);

    private static string UserMessage(string contentJson) =>
        $$"""{"model":"m","messages":[{"role":"user","content":{{contentJson}}}]}""";

    [Fact]
    public void The_count_of_a_known_sentence_matches_the_o200k_vocabulary()
    {
        const string text = "The quick brown fox jumps over the lazy dog.";

        Assert.Equal(10, Tokens(text));
        Assert.Equal(10, MessageTokenCounter.CountText(text));
        Assert.Equal(0, MessageTokenCounter.CountText(""));
    }

    [Fact]
    public void String_content_counts_as_its_text_tokens_plus_the_overheads()
    {
        const string text = "Summarize the attached log and list every warning you find.";

        var count = Count(UserMessage($"\"{text}\""));

        Assert.Equal(Base + PerMessage + Tokens(text), count);
    }

    [Fact]
    public void Text_blocks_count_like_the_same_text_as_a_string()
    {
        var asString = Count(UserMessage("\"Hello there, how are you?\""));
        var asBlock = Count(UserMessage("""[{"type":"text","text":"Hello there, how are you?","cache_control":{"type":"ephemeral"}}]"""));

        Assert.Equal(asString, asBlock);
    }

    [Fact]
    public void A_system_string_counts_the_same_as_the_system_as_one_text_block()
    {
        const string prompt = "You are a careful assistant. Answer in one paragraph.";

        var none = Count("""{"model":"m","messages":[]}""");
        var asString = Count($$"""{"model":"m","system":"{{prompt}}","messages":[]}""");
        var asBlocks = Count($$$"""{"model":"m","system":[{"type":"text","text":"{{{prompt}}}","cache_control":{"type":"ephemeral"}}],"messages":[]}""");

        Assert.Equal(none + PerMessage + Tokens(prompt), asString);
        Assert.Equal(asString, asBlocks);
    }

    [Fact]
    public void System_blocks_are_summed()
    {
        var count = Count("""{"system":[{"type":"text","text":"First part."},{"type":"text","text":"Second part, longer."}],"messages":[]}""");

        Assert.Equal(Base + PerMessage + Tokens("First part.") + Tokens("Second part, longer."), count);
    }

    [Fact]
    public void The_order_of_the_fields_does_not_change_the_count()
    {
        var systemFirst = Count("""{"system":"Be brief.","model":"m","messages":[{"role":"user","content":"Hi"}]}""");
        var messagesFirst = Count("""{"messages":[{"content":"Hi","role":"user"}],"model":"m","system":"Be brief."}""");

        Assert.Equal(systemFirst, messagesFirst);
    }

    [Fact]
    public void Each_tool_increases_the_count_by_its_text()
    {
        const string messages = "\"messages\":[{\"role\":\"user\",\"content\":\"List the files.\"}]";
        const string schema = """{"type":"object","properties":{"path":{"type":"string","description":"Directory to list"}},"required":["path"]}""";
        const string tool1 = $$"""{"name":"ListFiles","description":"Lists the files in a directory.","input_schema":{{schema}}}""";
        const string tool2 = """{"name":"ReadFile","description":"Reads a file.","input_schema":{"type":"object","properties":{}},"cache_control":{"type":"ephemeral"}}""";

        var noTools = Count($$"""{"model":"m",{{messages}}}""");
        var oneTool = Count($$"""{"model":"m",{{messages}},"tools":[{{tool1}}]}""");
        var twoTools = Count($$"""{"model":"m",{{messages}},"tools":[{{tool1}},{{tool2}}]}""");

        Assert.Equal(
            noTools + MessageTokenCounter.ToolDefinitionOverhead + Tokens("ListFiles") + Tokens("Lists the files in a directory.") + Tokens(schema),
            oneTool);
        Assert.True(twoTools > oneTool, $"{twoTools} should exceed {oneTool}");
    }

    [Fact]
    public void A_tool_schema_is_counted_as_compact_json_whatever_its_formatting()
    {
        var compact = Count("""{"tools":[{"name":"t","input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}]}""");
        var indented = Count("""
            {
              "tools": [
                {
                  "name": "t",
                  "input_schema": {
                    "type": "object",
                    "properties": { "q": { "type": "string" } }
                  }
                }
              ]
            }
            """);

        Assert.Equal(compact, indented);
    }

    [Fact]
    public void A_server_tool_without_a_schema_counts_its_name_and_overhead()
    {
        var count = Count("""{"tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5}],"messages":[]}""");

        Assert.Equal(Base + MessageTokenCounter.ToolDefinitionOverhead + Tokens("web_search"), count);
    }

    [Fact]
    public void A_tool_choice_counts_the_name_of_the_forced_tool()
    {
        var auto = Count("""{"messages":[],"tool_choice":{"type":"auto"}}""");
        var forced = Count("""{"messages":[],"tool_choice":{"type":"tool","name":"get_weather"}}""");

        Assert.Equal(Base, auto);
        Assert.Equal(Base + Tokens("get_weather"), forced);
    }

    [Fact]
    public void A_tool_use_counts_its_name_and_input_json()
    {
        const string input = """{"command":"ls -la /tmp","description":"List temp files"}""";

        var count = Count(UserMessage($$"""[{"type":"tool_use","id":"toolu_01A","name":"Bash","input":{{input}}}]"""));

        Assert.Equal(Base + PerMessage + MessageTokenCounter.ToolBlockOverhead + Tokens("Bash") + Tokens(input), count);
    }

    [Fact]
    public void Escaped_non_ASCII_in_a_tool_use_input_counts_like_the_raw_text()
    {
        var raw = Count(UserMessage("""[{"type":"tool_use","id":"t","name":"Search","input":{"query":"天气预报"}}]"""));
        var escaped = Count(UserMessage("""[{"type":"tool_use","id":"t","name":"Search","input":{"query":"\u5929\u6c14\u9884\u62a5"}}]"""));

        Assert.Equal(raw, escaped);
        Assert.Equal(Base + PerMessage + MessageTokenCounter.ToolBlockOverhead + Tokens("Search") + Tokens("""{"query":"天气预报"}"""), raw);
    }

    [Fact]
    public void A_tool_use_input_is_counted_as_JSON_stringify_would_write_it()
    {
        // Emoji, HTML characters and non-ASCII stay as themselves; quotes, backslashes and control
        // characters are escaped; numbers, literals and nesting are kept.
        const string body = """
            {"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"Write","input":
              {"text": "Ship \ud83d\ude80 <b>&amp;</b> caf\u00e9 \"q\" C:\\dir\nnext\u0001",
               "n": -1.5e3, "ok": true, "none": null, "list": [1, [], {}, "x"]}}]}]}
            """;
        const string compact = """{"text":"Ship 🚀 <b>&amp;</b> café \"q\" C:\\dir\nnext\u0001","n":-1.5e3,"ok":true,"none":null,"list":[1,[],{},"x"]}""";

        var count = Count(body);

        Assert.Equal(Base + PerMessage + MessageTokenCounter.ToolBlockOverhead + Tokens("Write") + Tokens(compact), count);
    }

    [Fact]
    public void A_tool_result_counts_its_content_as_a_string_or_as_text_blocks()
    {
        const string output = "total 8\ndrwxr-xr-x 2 root root 4096 Jan 1 00:00 build";

        var asString = Count(UserMessage("""[{"type":"tool_result","tool_use_id":"toolu_01A","content":"total 8\ndrwxr-xr-x 2 root root 4096 Jan 1 00:00 build"}]"""));
        var asBlocks = Count(UserMessage("""[{"type":"tool_result","tool_use_id":"toolu_01A","content":[{"type":"text","text":"total 8\ndrwxr-xr-x 2 root root 4096 Jan 1 00:00 build"}],"is_error":false}]"""));

        Assert.Equal(Base + PerMessage + MessageTokenCounter.ToolBlockOverhead + Tokens(output), asString);
        Assert.Equal(asString, asBlocks);
    }

    [Fact]
    public void A_tool_result_without_content_counts_its_overhead()
    {
        var count = Count(UserMessage("""[{"type":"tool_result","tool_use_id":"toolu_01A"}]"""));

        Assert.Equal(Base + PerMessage + MessageTokenCounter.ToolBlockOverhead, count);
    }

    [Fact]
    public void An_image_counts_the_fixed_estimate_whatever_its_size()
    {
        var small = Count(UserMessage($$$"""[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{new string('A', 100)}}}"}}]"""));
        var large = Count(UserMessage($$$"""[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{new string('A', 200_000)}}}"}}]"""));
        var url = Count(UserMessage("""[{"type":"image","source":{"type":"url","url":"https://example.com/cat.png"}}]"""));

        Assert.Equal(Base + PerMessage + MessageTokenCounter.ImageTokens, small);
        Assert.Equal(small, large);
        Assert.Equal(small, url);
    }

    [Fact]
    public void Images_inside_a_tool_result_are_counted_too()
    {
        var count = Count(UserMessage("""
            [{"type":"tool_result","tool_use_id":"t","content":[
              {"type":"text","text":"Screenshot taken."},
              {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}},
              {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}}]}]
            """));

        Assert.Equal(
            Base + PerMessage + MessageTokenCounter.ToolBlockOverhead + Tokens("Screenshot taken.") + (2 * MessageTokenCounter.ImageTokens),
            count);
    }

    [Fact]
    public void A_PDF_document_counts_the_fixed_estimate_plus_its_title()
    {
        var count = Count(UserMessage("""[{"type":"document","title":"Annual report","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjQK"}}]"""));

        Assert.Equal(Base + PerMessage + MessageTokenCounter.PdfDocumentTokens + Tokens("Annual report"), count);
    }

    [Fact]
    public void A_plain_text_document_counts_its_text_whichever_field_comes_first()
    {
        const string text = "Quarterly revenue grew by twelve percent.\nCosts were flat.";

        var typeFirst = Count(UserMessage("""[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"Quarterly revenue grew by twelve percent.\nCosts were flat."}}]"""));
        var dataFirst = Count(UserMessage("""[{"source":{"data":"Quarterly revenue grew by twelve percent.\nCosts were flat.","media_type":"text/plain","type":"text"},"type":"document"}]"""));

        Assert.Equal(Base + PerMessage + Tokens(text), typeFirst);
        Assert.Equal(typeFirst, dataFirst);
    }

    [Fact]
    public void A_document_with_a_content_source_counts_its_blocks()
    {
        var count = Count(UserMessage("""[{"type":"document","context":"From the wiki","source":{"type":"content","content":[{"type":"text","text":"Alpha section."},{"type":"text","text":"Beta section."}]}}]"""));

        Assert.Equal(Base + PerMessage + Tokens("From the wiki") + Tokens("Alpha section.") + Tokens("Beta section."), count);
    }

    [Fact]
    public void Thinking_counts_its_text_but_not_the_signature_or_redacted_data()
    {
        const string thought = "The user wants a list, so I should call the tool first.";

        var shortSignature = Count($$$"""{"messages":[{"role":"assistant","content":[{"type":"thinking","thinking":"{{{thought}}}","signature":"abc"},{"type":"redacted_thinking","data":"xyz"}]}]}""");
        var longSignature = Count($$$"""{"messages":[{"role":"assistant","content":[{"type":"thinking","thinking":"{{{thought}}}","signature":"{{{new string('s', 5_000)}}}"},{"type":"redacted_thinking","data":"{{{new string('d', 5_000)}}}"}]}]}""");

        Assert.Equal(Base + PerMessage + Tokens(thought), shortSignature);
        Assert.Equal(shortSignature, longSignature);
    }

    [Fact]
    public void Empty_or_missing_messages_give_a_small_positive_count()
    {
        Assert.Equal(Base, Count("""{"model":"m","messages":[]}"""));
        Assert.Equal(Base, Count("{}"));
        Assert.Equal(Base + PerMessage, Count(UserMessage("[]")));
        Assert.True(Base > 0);
    }

    [Fact]
    public void Each_added_message_increases_the_count()
    {
        var builder = new StringBuilder("""{"model":"m","messages":[""");
        var previous = Count(builder + "]}");
        for (var i = 0; i < 5; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(i % 2 == 0 ? """{"role":"user","content":"ok"}""" : """{"role":"assistant","content":[]}""");
            var current = Count(builder + "]}");
            Assert.True(current > previous, $"message {i}: {current} should exceed {previous}");
            previous = current;
        }
    }

    [Fact]
    public void Settings_that_carry_no_text_are_not_counted()
    {
        var plain = Count(UserMessage("\"Hi\""));
        var withSettings = Count("""
            {"model":"claude-sonnet-4-5","max_tokens":32000,"stream":true,"temperature":1,
             "thinking":{"type":"adaptive"},"metadata":{"user_id":"user_abc_account_def_session_123"},
             "cache_control":{"type":"ephemeral"},"output_config":{"effort":"high"},
             "messages":[{"role":"user","content":"Hi"}]}
            """);

        Assert.Equal(plain, withSettings);
    }

    [Fact]
    public void An_output_format_schema_is_counted_as_compact_json()
    {
        const string format = """{"type":"json_schema","schema":{"type":"object","properties":{"answer":{"type":"string"}}}}""";

        var count = Count($$$"""{"messages":[],"output_config":{"effort":"low","format":{{{format}}}}}""");

        Assert.Equal(Base + Tokens(format), count);
    }

    [Fact]
    public void Chinese_text_matches_the_vocabulary_and_is_not_inflated_by_escaping()
    {
        const string text = "你好，世界。今天的天气非常好，我们去公园散步吧。";

        var raw = Count(UserMessage($"\"{text}\""));
        var escaped = Count(UserMessage("\"" + EscapeAll(text) + "\""));

        Assert.Equal(Base + PerMessage + Tokens(text), raw);
        Assert.Equal(raw, escaped);
        // o200k_base merges common Chinese words: fewer tokens than characters, and more than none.
        Assert.InRange(Tokens(text), 5, text.Length);
    }

    [Fact]
    public void Emoji_written_as_surrogate_pair_escapes_count_like_the_raw_characters()
    {
        const string text = "Ship it 🚀🎉 👩‍💻";

        var raw = Count(UserMessage($"\"{text}\""));
        var escaped = Count(UserMessage("\"" + EscapeAll(text) + "\""));

        Assert.Equal(Base + PerMessage + Tokens(text), raw);
        Assert.Equal(raw, escaped);
        Assert.True(Tokens(text) > Tokens("Ship it"));
    }

    [Fact]
    public void Escaped_control_characters_are_unescaped_before_counting()
    {
        var count = Count(UserMessage("\"line one\\nline \\\"two\\\"\\ttabbed\""));

        Assert.Equal(Base + PerMessage + Tokens("line one\nline \"two\"\ttabbed"), count);
    }

    [Fact]
    public void A_system_message_mid_conversation_is_counted_like_any_message()
    {
        var count = Count("""{"messages":[{"role":"user","content":"Hi"},{"role":"system","content":[{"type":"text","text":"Reminder: be brief."}]}]}""");

        Assert.Equal(Base + (2 * PerMessage) + Tokens("Hi") + Tokens("Reminder: be brief."), count);
    }

    [Fact]
    public void A_large_request_counts_as_the_sum_of_its_parts()
    {
        var paragraph = string.Concat(Enumerable.Repeat("The gateway translates requests between providers and streams the answer back. ", 200));
        var builder = new StringBuilder("""{"model":"m","system":""").Append('"').Append(paragraph).Append("\",\"messages\":[");
        const int turns = 50;
        for (var i = 0; i < turns; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append("""{"role":"user","content":""").Append('"').Append(paragraph).Append("\"}");
        }

        builder.Append("]}");

        var count = Count(builder.ToString());

        Assert.Equal(Base + ((turns + 1) * (PerMessage + Tokens(paragraph))), count);
    }

    [Fact]
    public void Counting_from_many_threads_gives_the_same_answer()
    {
        var body = Encoding.UTF8.GetBytes(UserMessage("""[{"type":"text","text":"Concurrent counting must be stable."},{"type":"tool_use","id":"t","name":"Read","input":{"file_path":"/etc/hosts"}}]"""));
        var expected = MessageTokenCounter.Count(body);
        var results = new int[64];

        Parallel.For(0, results.Length, i => results[i] = MessageTokenCounter.Count(body));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("not json")]
    [InlineData("{")]
    [InlineData("{\"messages\":[}")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"unterminated}]}")]
    [InlineData("{} {}")]
    [InlineData("[{\"role\":\"user\"}]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"messages\":[],}")]
    [InlineData("{/* comment */\"messages\":[]}")]
    public void Invalid_json_throws_a_format_exception(string body)
    {
        var ex = Assert.Throws<FormatException>(() => Count(body));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Invalid_UTF_8_in_a_text_throws_a_format_exception()
    {
        var body = Encoding.UTF8.GetBytes(UserMessage("\"bad: X\"")).ToList();
        body[body.IndexOf((byte)'X')] = 0xFF;

        var ex = Assert.Throws<FormatException>(() => MessageTokenCounter.Count(body.ToArray()));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_escape_throws_a_format_exception()
    {
        Assert.Throws<FormatException>(() => Count(UserMessage("\"broken \\ud83d pair\"")));
    }

    private static string EscapeAll(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
