using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Protocols.Validation;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Validation;

/// <summary>
/// What a translated channel refuses before mapping: each malformed field gives the message that
/// names its path, the way the Anthropic API words it; every valid request of the golden fixtures passes.
/// </summary>
public sealed class MessageRequestValidatorTests
{
    private const string Head = "\"model\":\"m\",\"max_tokens\":10";

    private static string Request(string messages) => "{" + Head + ",\"messages\":" + messages + "}";

    /// <summary>A request with one user message whose content is <paramref name="content"/>, then <paramref name="fields"/>.</summary>
    private static string With(string content, string fields = "") =>
        Request("[{\"role\":\"user\",\"content\":" + content + "}]" + (fields.Length > 0 ? "," + fields : ""));

    public static TheoryData<string, string> Malformed => new()
    {
        // The request itself.
        { """{"max_tokens":10,"messages":[]}""", "model: Field required" },
        { """{"model":7,"max_tokens":10,"messages":[]}""", "model: expected a string" },
        { """{"model":"","max_tokens":10,"messages":[]}""", "model: must not be empty" },
        { """{"model":"m","messages":[]}""", "max_tokens: Field required" },
        { """{"model":"m","max_tokens":"10","messages":[]}""", "max_tokens: expected an integer" },
        { """{"model":"m","max_tokens":1.5,"messages":[]}""", "max_tokens: expected an integer" },
        { """{"model":"m","max_tokens":0,"messages":[]}""", "max_tokens: must be at least 1" },
        { """{"model":"m","max_tokens":1e12,"messages":[]}""", "max_tokens: must be at most 2147483647" },
        { """{"model":"m","max_tokens":10}""", "messages: Field required" },
        { """{"model":"m","max_tokens":10,"messages":{}}""", "messages: expected an array" },
        { Request("""["hi"]"""), "messages.0: expected an object" },
        { Request("""[{"content":"hi"}]"""), "messages.0.role: Field required" },
        { Request("""[{"role":"tool","content":"hi"}]"""), "messages.0.role: 'tool' is not one of user, assistant, system" },
        { Request("""[{"role":"user"}]"""), "messages.0.content: Field required" },
        { With("42"), "messages.0.content: expected a string or an array of content blocks" },

        // Blocks.
        { With("""[{"type":"text"}]"""), "messages.0.content.0.text: Field required" },
        { With("""[{"type":"text","text":5}]"""), "messages.0.content.0.text: expected a string" },
        { With("""["hi"]"""), "messages.0.content.0: expected an object" },
        { With("""[{"text":"hi"}]"""), "messages.0.content.0.type: Field required" },
        { With("""[{"type":1}]"""), "messages.0.content.0.type: expected a string" },
        { With("""[{"type":"video"}]"""), "messages.0.content.0.type: 'video' is not a content block type" },
        { With("""[{"type":"text","text":"a\ud800b"}]"""), "messages.0.content.0.text: the string holds an unpaired UTF-16 surrogate escape, which is no Unicode text" },
        { With("""[{"type":"text","text":"x","cache_control":"ephemeral"}]"""), "messages.0.content.0.cache_control: expected an object" },
        { With("""[{"type":"image"}]"""), "messages.0.content.0.source: Field required" },
        { With("""[{"type":"image","source":"data"}]"""), "messages.0.content.0.source: expected an object" },
        { With("""[{"type":"image","source":{"type":"base64","data":"AA=="}}]"""), "messages.0.content.0.source.media_type: Field required" },
        { With("""[{"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"AA=="}}]"""), "messages.0.content.0.source.media_type: 'image/bmp' is not one of image/jpeg, image/png, image/gif, image/webp" },
        { With("""[{"type":"image","source":{"type":"base64","media_type":"image/png"}}]"""), "messages.0.content.0.source.data: Field required" },
        { With("""[{"type":"image","source":{"type":"url","url":{}}}]"""), "messages.0.content.0.source.url: expected a string" },
        { With("""[{"type":"image","source":{"type":"ftp"}}]"""), "messages.0.content.0.source.type: 'ftp' is not one of base64, url, file" },
        { With("""[{"type":"document","source":{"type":"text"}}]"""), "messages.0.content.0.source.data: Field required" },
        { With("""[{"type":"document","source":{"type":"content","content":[{"type":"tool_use"}]}}]"""), "messages.0.content.0.source.content.0.type: 'tool_use' is not one of text, image" },
        { With("""[{"type":"document","source":{"type":"url","url":"https://x"},"title":3}]"""), "messages.0.content.0.title: expected a string" },
        { With("""[{"type":"search_result","source":"s","title":"t","content":[{"type":"text"}]}]"""), "messages.0.content.0.content.0.text: Field required" },
        { With("""[{"type":"tool_result","content":"x"}]"""), "messages.0.content.0.tool_use_id: Field required" },
        { With("""[{"type":"tool_result","tool_use_id":5}]"""), "messages.0.content.0.tool_use_id: expected a string" },
        { With("""[{"type":"tool_result","tool_use_id":"t","is_error":"yes"}]"""), "messages.0.content.0.is_error: expected a boolean" },
        { With("""[{"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":null}]}]"""), "messages.0.content.0.content.0.text: expected a string" },
        { With("""[{"type":"tool_result","tool_use_id":"t","content":[{"type":"thinking"}]}]"""), "messages.0.content.0.content.0.type: 'thinking' is not one of text, image, search_result, document, tool_reference, browser_state" },
        { With("""[{"type":"container_upload"}]"""), "messages.0.content.0.file_id: Field required" },
        { With("""[{"type":"web_search_tool_result","content":[]}]"""), "messages.0.content.0.tool_use_id: Field required" },
        { Request("""[{"role":"assistant","content":[{"type":"tool_use","name":"f","input":{}}]}]"""), "messages.0.content.0.id: Field required" },
        { Request("""[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":["f"],"input":{}}]}]"""), "messages.0.content.0.name: expected a string" },
        { Request("""[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":"{}"}]}]"""), "messages.0.content.0.input: expected an object" },
        { Request("""[{"role":"assistant","content":[{"type":"server_tool_use","id":"s","name":"web_search"}]}]"""), "messages.0.content.0.input: Field required" },
        { Request("""[{"role":"assistant","content":[{"type":"thinking","thinking":"hm"}]}]"""), "messages.0.content.0.signature: Field required" },
        { Request("""[{"role":"assistant","content":[{"type":"redacted_thinking","data":false}]}]"""), "messages.0.content.0.data: expected a string" },
        { Request("""[{"role":"user","content":"a"},{"role":"system","content":[{"type":"text","text":[]}]}]"""), "messages.1.content.0.text: expected a string" },

        // System prompt, sampling and limits.
        { With("\"hi\"", "\"system\":5"), "system: expected a string or an array of content blocks" },
        { With("\"hi\"", """ "system":[{"type":"image","source":{}}]"""), "system.0.type: 'image' is not one of text" },
        { With("\"hi\"", """ "system":[{"type":"text"}]"""), "system.0.text: Field required" },
        { With("\"hi\"", "\"stop_sequences\":\"END\""), "stop_sequences: expected an array" },
        { With("\"hi\"", "\"stop_sequences\":[\"END\",3]"), "stop_sequences.1: expected a string" },
        { With("\"hi\"", "\"temperature\":\"hot\""), "temperature: expected a number" },
        { With("\"hi\"", "\"temperature\":1.5"), "temperature: must be between 0 and 1" },
        { With("\"hi\"", "\"temperature\":-0.1"), "temperature: must be between 0 and 1" },
        { With("\"hi\"", "\"top_p\":2"), "top_p: must be between 0 and 1" },
        { With("\"hi\"", "\"top_k\":2.5"), "top_k: expected an integer" },
        { With("\"hi\"", "\"top_k\":-1"), "top_k: must be at least 0" },
        { With("\"hi\"", "\"stream\":\"yes\""), "stream: expected a boolean" },
        { With("\"hi\"", "\"metadata\":\"me\""), "metadata: expected an object" },
        { With("\"hi\"", "\"metadata\":{\"user_id\":42}"), "metadata.user_id: expected a string" },
        { With("\"hi\"", "\"cache_control\":{\"ttl\":\"5m\"}"), "cache_control.type: Field required" },

        // Tools and tool choice.
        { With("\"hi\"", "\"tools\":{}"), "tools: expected an array" },
        { With("\"hi\"", "\"tools\":[\"Bash\"]"), "tools.0: expected an object" },
        { With("\"hi\"", """ "tools":[{"input_schema":{"type":"object"}}]"""), "tools.0.name: Field required" },
        { With("\"hi\"", """ "tools":[{"name":"","input_schema":{"type":"object"}}]"""), "tools.0.name: must not be empty" },
        { With("\"hi\"", """ "tools":[{"name":"Bash"}]"""), "tools.0.input_schema: Field required" },
        { With("\"hi\"", """ "tools":[{"type":"custom","name":"Bash","input_schema":[]}]"""), "tools.0.input_schema: expected an object" },
        { With("\"hi\"", """ "tools":[{"name":"Bash","input_schema":{},"description":{}}]"""), "tools.0.description: expected a string" },
        { With("\"hi\"", """ "tools":[{"type":5,"name":"web_search"}]"""), "tools.0.type: expected a string" },
        { With("\"hi\"", "\"tool_choice\":\"auto\""), "tool_choice: expected an object" },
        { With("\"hi\"", "\"tool_choice\":{}"), "tool_choice.type: Field required" },
        { With("\"hi\"", "\"tool_choice\":{\"type\":\"required\"}"), "tool_choice.type: 'required' is not one of auto, any, tool, none" },
        { With("\"hi\"", "\"tool_choice\":{\"type\":\"tool\"}"), "tool_choice.name: Field required" },
        { With("\"hi\"", "\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":1}"), "tool_choice.disable_parallel_tool_use: expected a boolean" },

        // Thinking and output settings.
        { With("\"hi\"", "\"thinking\":true"), "thinking: expected an object" },
        { With("\"hi\"", "\"thinking\":{\"type\":\"on\"}"), "thinking.type: 'on' is not one of enabled, disabled, adaptive" },
        { With("\"hi\"", "\"thinking\":{\"type\":\"enabled\"}"), "thinking.budget_tokens: Field required" },
        { With("\"hi\"", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":512}"), "thinking.budget_tokens: must be at least 1024" },
        { With("\"hi\"", "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":\"2048\"}"), "thinking.budget_tokens: expected an integer" },
        { With("\"hi\"", "\"thinking\":{\"type\":\"adaptive\",\"display\":1}"), "thinking.display: expected a string" },
        { With("\"hi\"", "\"output_config\":{\"effort\":3}"), "output_config.effort: expected a string" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_field_is_refused_with_a_message_naming_its_path(string request, string expected)
    {
        using var document = JsonDocument.Parse(request);

        var error = Assert.Throws<TranslationException>(() => MessageRequestValidator.Validate(document.RootElement));

        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Both_request_mappers_refuse_a_malformed_field_with_the_same_message(string request, string expected)
    {
        var body = Encoding.UTF8.GetBytes(request);

        Assert.Equal(expected, Assert.Throws<TranslationException>(() => ChatRequestMapper.Map(body, new ChatRequestOptions { Model = "gpt-5" })).Message);
        Assert.Equal(expected, Assert.Throws<TranslationException>(() => GeminiRequestMapper.Map(body, new GeminiRequestOptions { Model = "gemini-2.5-pro" })).Message);
    }

    [Fact]
    public void A_text_block_without_text_in_a_request_to_an_openai_channel_names_the_field()
    {
        var body = """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text"}]}]}"""u8.ToArray();

        var error = Assert.Throws<TranslationException>(() => ChatRequestMapper.Map(body, new ChatRequestOptions { Model = "gpt-5" }));

        Assert.Contains("messages.0.content.0.text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_source_is_valid_anthropic_but_refused_by_translators_that_cannot_fetch_it()
    {
        var body = Encoding.UTF8.GetBytes(With("""[{"type":"image","source":{"type":"file","file_id":"file_1"}}]"""));
        using (var document = JsonDocument.Parse(body))
        {
            MessageRequestValidator.Validate(document.RootElement);
        }

        var chat = Assert.Throws<TranslationException>(() => ChatRequestMapper.Map(body, new ChatRequestOptions { Model = "gpt-5" }));
        var gemini = Assert.Throws<TranslationException>(() => GeminiRequestMapper.Map(body, new GeminiRequestOptions { Model = "gemini-2.5-pro" }));

        Assert.Contains("file source", chat.Message, StringComparison.Ordinal);
        Assert.Equal(chat.Message, gemini.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_refused_before_any_field_is_read()
    {
        byte[] body = [.. """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"a"""u8, 0xC3, 0x28, .. "\"}]}"u8];

        var error = Assert.Throws<TranslationException>(() => GeminiRequestMapper.Map(body, new GeminiRequestOptions { Model = "gemini-2.5-pro" }));

        Assert.Equal("The request body is not valid UTF-8.", error.Message);
    }

    [Fact]
    public void Nesting_deeper_than_64_levels_is_refused_as_invalid_json()
    {
        var body = Encoding.UTF8.GetBytes(With("\"hi\"", "\"metadata\":" + new string('[', 70) + new string(']', 70)));

        var error = Assert.Throws<TranslationException>(() => ChatRequestMapper.Map(body, new ChatRequestOptions { Model = "gpt-5" }));

        Assert.StartsWith("The request body is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Accepted => new()
    {
        // What Claude Code and the SDKs send besides the basics, and nulls for optional fields.
        With("\"hi\"", """ "system":[{"type":"text","text":"x","cache_control":{"type":"ephemeral","ttl":"1h"}}],"context_management":{"edits":[]},"mcp_servers":[],"output_config":{"effort":"high","format":{"type":"json_schema"}},"thinking":{"type":"adaptive"},"cache_control":{"type":"ephemeral"}"""),
        With("\"hi\"", """ "temperature":null,"top_p":null,"top_k":null,"stop_sequences":null,"metadata":null,"tools":null,"tool_choice":null,"stream":null,"system":null"""),
        With("\"hi\"", """ "thinking":{"type":"enabled","budget_tokens":32000},"temperature":1,"top_p":0.95,"top_k":40"""),
        With("\"hi\"", """ "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":3},{"type":"mcp_toolset","mcp_server_name":"x"},{"name":"f","input_schema":{"type":"object"},"strict":true}],"tool_choice":{"type":"tool","name":"f","disable_parallel_tool_use":true}"""),
        With("""[{"type":"text","text":"","citations":null},{"type":"image","source":{"type":"url","url":"https://x/y.png"}},{"type":"image","source":{"type":"file","file_id":"f"}},{"type":"document","source":{"type":"content","content":"plain"}},{"type":"document","source":{"type":"text","data":"t","media_type":"text/plain"},"context":"c","title":null},{"type":"search_result","source":"s","title":"t","content":[{"type":"text","text":"r"}]},{"type":"tool_result","tool_use_id":"t","content":[{"type":"tool_reference","tool_name":"f"},{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"AA=="}}],"is_error":false},{"type":"container_upload","file_id":"f"}]"""),
        Request("""[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":""},{"type":"redacted_thinking","data":"d"},{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}},{"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":{"type":"web_search_tool_result_error","error_code":"unavailable"}},{"type":"compaction","content":"summary"},{"type":"tool_use","id":"t","name":"f","input":{}}]},{"role":"system","content":"Be brief. 🎉 \u00e9 \ud83c\udf89"}]"""),
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Valid_requests_with_every_kind_of_optional_field_pass(string request)
    {
        using var document = JsonDocument.Parse(request);

        MessageRequestValidator.Validate(document.RootElement);
    }

    public static TheoryData<string, string> GoldenRequests
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var paths in new[] { GoldenPaths.OpenAI, GoldenPaths.Gemini })
            {
                foreach (var folder in GoldenCase.CaseFolders(paths, GoldenKind.Request).Where(f => !File.Exists(Path.Combine(f, "expected-error.txt"))).Order(StringComparer.Ordinal))
                {
                    data.Add(paths.Provider, Path.GetFileName(folder));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(GoldenRequests))]
    public void Every_valid_golden_request_passes(string provider, string name)
    {
        var paths = provider == "openai" ? GoldenPaths.OpenAI : GoldenPaths.Gemini;
        using var document = JsonDocument.Parse(GoldenCase.Open(paths, GoldenKind.Request, name).ReadBytes("anthropic.json"));

        MessageRequestValidator.Validate(document.RootElement);
    }

    [Fact]
    public void Validating_a_valid_request_allocates_nothing()
    {
        var fixture = GoldenCase.Open(GoldenPaths.OpenAI, GoldenKind.Request, "claude-code-shaped");
        using var document = JsonDocument.Parse(fixture.ReadBytes("anthropic.json"));
        MessageRequestValidator.Validate(document.RootElement);

        var before = GC.GetAllocatedBytesForCurrentThread();
        MessageRequestValidator.Validate(document.RootElement);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
