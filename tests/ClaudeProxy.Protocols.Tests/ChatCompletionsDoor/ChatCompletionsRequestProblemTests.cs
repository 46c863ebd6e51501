using System.Text;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.ChatDoor;

namespace ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;

/// <summary>
/// What the door refuses: a request the hub cannot carry, or one with a field of the wrong type, is a
/// problem naming the field by its JSON path, and that path is the error's <c>param</c>.
/// </summary>
public sealed class ChatCompletionsRequestProblemTests
{
    private const string Hi = """[{"role":"user","content":"Hi"}]""";

    private static string User(string content) => Messages($$$"""[{"role":"user","content":{{{content}}}}]""");

    private static string Assistant(string fields) => Messages($$$"""[{"role":"user","content":"Go"},{"role":"assistant",{{{fields}}}}]""");

    private static string ToolCall(string function) => Assistant($$$""" "tool_calls":[{"id":"call_1","type":"function","function":{{{function}}}}] """);

    public static TheoryData<string, string, string> FieldProblems => new()
    {
        // The request.
        { """{"messages":[]}""", "model", "model: Field required" },
        { """{"model":5,"messages":[]}""", "model", "model: expected a string" },
        { """{"model":"","messages":[]}""", "model", "model: must not be empty" },
        { Request("\"stream\":true"), "messages", "messages: Field required" },
        { Request("\"messages\":null"), "messages", "messages: Field required" },
        { Request("\"messages\":{}"), "messages", "messages: expected an array" },
        { Request("\"messages\":[]"), "messages", "messages: must hold at least one user or assistant message with content" },
        { Messages("""[{"role":"system","content":"Only a system prompt."}]"""), "messages", "messages: must hold at least one user or assistant message with content" },
        { Messages(Hi, "\"n\":2"), "n", "n: only 1 is supported" },
        { Messages(Hi, "\"n\":\"1\""), "n", "n: expected an integer" },
        { Messages(Hi, "\"max_tokens\":\"100\""), "max_tokens", "max_tokens: expected an integer" },
        { Messages(Hi, "\"max_tokens\":1.5"), "max_tokens", "max_tokens: expected an integer" },
        { Messages(Hi, "\"max_tokens\":0"), "max_tokens", "max_tokens: must be at least 1" },
        { Messages(Hi, "\"max_completion_tokens\":-5"), "max_completion_tokens", "max_completion_tokens: must be at least 1" },
        { Messages(Hi, "\"max_completion_tokens\":1e12"), "max_completion_tokens", "max_completion_tokens: expected an integer" },
        { Messages(Hi, "\"max_completion_tokens\":3000000000"), "max_completion_tokens", "max_completion_tokens: must be at most 2147483647" },
        { Messages(Hi, "\"temperature\":2.5"), "temperature", "temperature: must be between 0 and 2" },
        { Messages(Hi, "\"temperature\":\"hot\""), "temperature", "temperature: expected a number" },
        { Messages(Hi, "\"top_p\":1.1"), "top_p", "top_p: must be between 0 and 1" },
        { Messages(Hi, "\"stop\":5"), "stop", "stop: expected a string or an array of strings" },
        { Messages(Hi, "\"stop\":[\"a\",7]"), "stop[1]", "stop[1]: expected a string" },
        { Messages(Hi, "\"stream\":\"yes\""), "stream", "stream: expected a boolean" },
        { Messages(Hi, "\"stream_options\":[]"), "stream_options", "stream_options: expected an object" },
        { Messages(Hi, "\"stream_options\":{\"include_usage\":1}"), "stream_options.include_usage", "stream_options.include_usage: expected a boolean" },
        { Messages(Hi, "\"parallel_tool_calls\":\"no\""), "parallel_tool_calls", "parallel_tool_calls: expected a boolean" },
        { Messages(Hi, "\"reasoning_effort\":\"extreme\""), "reasoning_effort", "reasoning_effort: 'extreme' is not one of none, minimal, low, medium, high" },
        { Messages(Hi, "\"reasoning_effort\":3"), "reasoning_effort", "reasoning_effort: expected a string" },
        { Messages(Hi, "\"response_format\":{\"type\":\"xml\"}"), "response_format.type", "response_format.type: 'xml' is not one of text, json_object, json_schema" },
        { Messages(Hi, "\"response_format\":{\"type\":\"json_schema\"}"), "response_format.json_schema", "response_format.json_schema: Field required" },
        { Messages(Hi, "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":true}}"), "response_format.json_schema.schema", "response_format.json_schema.schema: expected an object" },
        { Messages(Hi, "\"user\":42"), "user", "user: expected a string" },
        { Messages(Hi, "\"prompt_cache_key\":[]"), "prompt_cache_key", "prompt_cache_key: expected a string" },
        { Messages(Hi, "\"functions\":[{\"name\":\"f\"}]"), "functions", "functions: the legacy functions are not supported; use tools" },
        { Messages(Hi, "\"function_call\":\"auto\""), "function_call", "function_call: the legacy function_call is not supported; use tool_choice" },

        // Tools and tool choice.
        { Messages(Hi, "\"tools\":{}"), "tools", "tools: expected an array" },
        { Messages(Hi, "\"tools\":[\"f\"]"), "tools[0]", "tools[0]: expected an object" },
        { Messages(Hi, "\"tools\":[{\"type\":\"function\"}]"), "tools[0].function", "tools[0].function: Field required" },
        { Messages(Hi, "\"tools\":[{\"type\":\"function\",\"function\":{}}]"), "tools[0].function.name", "tools[0].function.name: Field required" },
        { Messages(Hi, "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"\"}}]"), "tools[0].function.name", "tools[0].function.name: must not be empty" },
        { Messages(Hi, "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"{}\"}}]"), "tools[0].function.parameters", "tools[0].function.parameters: expected an object" },
        { Messages(Hi, "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":1}}]"), "tools[0].function.description", "tools[0].function.description: expected a string" },
        { Messages(Hi, "\"tool_choice\":\"sometimes\""), "tool_choice", "tool_choice: 'sometimes' is not one of none, auto, required" },
        { Messages(Hi, "\"tool_choice\":{\"type\":\"function\"}"), "tool_choice.function", "tool_choice.function: Field required" },
        { Messages(Hi, "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"\"}}"), "tool_choice.function.name", "tool_choice.function.name: must not be empty" },
        { Messages(Hi, "\"tool_choice\":{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}"), "tool_choice.type", "tool_choice.type: 'custom' is not one of function, allowed_tools" },

        // Messages.
        { Messages("""["Hi"]"""), "messages[0]", "messages[0]: expected an object" },
        { Messages("""[{"content":"Hi"}]"""), "messages[0].role", "messages[0].role: Field required" },
        { Messages("""[{"role":"bot","content":"Hi"}]"""), "messages[0].role", "messages[0].role: 'bot' is not one of system, developer, user, assistant, tool" },
        { Messages("""[{"role":"user","content":"Hi"},{"role":"function","name":"f","content":"x"}]"""), "messages[1].role", "messages[1].role: the legacy 'function' role is not supported; answer tool calls with 'tool' messages" },
        { Messages("""[{"role":"user"}]"""), "messages[0].content", "messages[0].content: Field required" },
        { User("42"), "messages[0].content", "messages[0].content: expected a string or an array of content parts" },
        { User("""[{"type":"text"}]"""), "messages[0].content[0].text", "messages[0].content[0].text: Field required" },
        { User("""[{"type":"text","text":"a"},{"text":"b"}]"""), "messages[0].content[1].type", "messages[0].content[1].type: Field required" },
        { User("""[{"type":"video"}]"""), "messages[0].content[0].type", "messages[0].content[0].type: 'video' is not one of text, image_url" },
        { User("""[{"type":"text","text":"Listen"},{"type":"input_audio","input_audio":{"data":"AAA","format":"wav"}}]"""), "messages[0].content[1]", "messages[0].content[1]: input_audio parts are not supported: the model takes text and images" },
        { User("""[{"type":"file","file":{"file_id":"file-1"}}]"""), "messages[0].content[0]", "messages[0].content[0]: file parts are not supported: send the text, or images as image_url parts" },
        { User("""[{"type":"image_url"}]"""), "messages[0].content[0].image_url", "messages[0].content[0].image_url: Field required" },
        { User("""[{"type":"image_url","image_url":{"url":"data:image/png,abc"}}]"""), "messages[0].content[0].image_url.url", "messages[0].content[0].image_url.url: a data URL must be base64 (data:image/png;base64,…)" },
        { User("""[{"type":"image_url","image_url":{"url":"data:image/bmp;base64,AAAA"}}]"""), "messages[0].content[0].image_url.url", "messages[0].content[0].image_url.url: the image type 'image/bmp' is not supported (image/jpeg, image/png, image/gif, image/webp)" },
        { User("""[{"type":"image_url","image_url":{"url":"ftp://example.com/a.png"}}]"""), "messages[0].content[0].image_url.url", "messages[0].content[0].image_url.url: expected an http(s) URL or a base64 data URL" },
        { Messages("""[{"role":"system","content":[{"type":"image_url","image_url":{"url":"https://x"}}]},{"role":"user","content":"Hi"}]"""), "messages[0].content[0].type", "messages[0].content[0].type: 'image_url' is not supported here; only text" },
        { Messages("""[{"role":"system","content":7},{"role":"user","content":"Hi"}]"""), "messages[0].content", "messages[0].content: expected a string or an array of text parts" },

        // Assistant messages and their tool calls.
        { Assistant("\"content\":5"), "messages[1].content", "messages[1].content: expected a string or an array of content parts" },
        { Assistant("\"content\":[{\"type\":\"image_url\"}]"), "messages[1].content[0].type", "messages[1].content[0].type: 'image_url' is not one of text, refusal" },
        { Assistant("\"function_call\":{\"name\":\"f\",\"arguments\":\"{}\"}"), "messages[1].function_call", "messages[1].function_call: the legacy function_call is not supported; use tool_calls" },
        { Assistant("\"tool_calls\":{}"), "messages[1].tool_calls", "messages[1].tool_calls: expected an array" },
        { Assistant("\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]"), "messages[1].tool_calls[0].id", "messages[1].tool_calls[0].id: Field required" },
        { Assistant("\"tool_calls\":[{\"id\":\"c\",\"type\":\"custom\",\"custom\":{\"name\":\"f\",\"input\":\"x\"}}]"), "messages[1].tool_calls[0].type", "messages[1].tool_calls[0].type: 'custom' tool calls are not supported; only function" },
        { Assistant("\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\"}]"), "messages[1].tool_calls[0].function", "messages[1].tool_calls[0].function: Field required" },
        { ToolCall("""{"arguments":"{}"}"""), "messages[1].tool_calls[0].function.name", "messages[1].tool_calls[0].function.name: Field required" },
        { ToolCall("""{"name":"f","arguments":"[1,2]"}"""), "messages[1].tool_calls[0].function.arguments", "messages[1].tool_calls[0].function.arguments: must be a JSON object" },
        { ToolCall("""{"name":"f","arguments":"{\"a\":"}"""), "messages[1].tool_calls[0].function.arguments", "messages[1].tool_calls[0].function.arguments: must be a JSON object" },
        { ToolCall("""{"name":"f","arguments":"{} {}"}"""), "messages[1].tool_calls[0].function.arguments", "messages[1].tool_calls[0].function.arguments: must be a JSON object" },
        { ToolCall("""{"name":"f","arguments":"\"text\""}"""), "messages[1].tool_calls[0].function.arguments", "messages[1].tool_calls[0].function.arguments: must be a JSON object" },
        { ToolCall("""{"name":"f","arguments":5}"""), "messages[1].tool_calls[0].function.arguments", "messages[1].tool_calls[0].function.arguments: expected a string holding a JSON object" },

        // Tool messages.
        { Messages("""[{"role":"user","content":"Go"},{"role":"tool","content":"x"}]"""), "messages[1].tool_call_id", "messages[1].tool_call_id: Field required" },
        { Messages("""[{"role":"user","content":"Go"},{"role":"tool","tool_call_id":"c","content":[{"type":"image_url"}]}]"""), "messages[1].content[0].type", "messages[1].content[0].type: 'image_url' is not supported here; only text" },
    };

    [Theory]
    [MemberData(nameof(FieldProblems))]
    public void A_bad_field_is_a_problem_naming_its_path(string body, string param, string problem)
    {
        var result = Refused(body);

        Assert.Equal(problem, result.Problem);
        Assert.Equal(param, result.ProblemParam);
    }

    [Theory]
    [InlineData("{\"model\":\"gpt-4o\",", "The request body is not valid JSON")]
    [InlineData("", "The request body is not valid JSON")]
    [InlineData("[{\"model\":\"gpt-4o\"}]", "The request body must be a JSON object.")]
    [InlineData("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\ud800b\"}]}", "The request body holds an unpaired UTF-16 surrogate escape")]
    public void A_body_that_is_no_request_is_a_problem_without_a_param(string body, string problem)
    {
        var result = Refused(body);

        Assert.StartsWith(problem, result.Problem, StringComparison.Ordinal);
        Assert.Null(result.ProblemParam);
    }

    [Fact]
    public void Invalid_UTF_8_is_a_problem_without_a_param()
    {
        var result = ChatCompletionsRequestTranslator.Translate([.. "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\""u8, 0xC3, 0x28, .. "\"}]}"u8]);

        Assert.Null(result.Body);
        Assert.Equal("The request body is not valid UTF-8.", result.Problem);
        Assert.Null(result.ProblemParam);
    }

    [Fact]
    public void Arguments_holding_an_unpaired_surrogate_escape_are_a_problem()
    {
        var result = Refused(ToolCall("""{"name":"f","arguments":"{\"a\":\"\\ud800\"}"}"""));

        Assert.Equal("messages[1].tool_calls[0].function.arguments", result.ProblemParam);
    }

    [Fact]
    public void A_refused_request_still_reports_the_model_and_the_stream_settings()
    {
        var result = ChatCompletionsRequestTranslator.Translate(Encoding.UTF8.GetBytes(
            Messages(Hi, "\"n\":3,\"stream\":true,\"stream_options\":{\"include_usage\":true}")));

        Assert.Null(result.Body);
        Assert.Equal("gpt-4o", result.Model);
        Assert.True(result.Stream);
        Assert.True(result.IncludeUsage);
    }
}
