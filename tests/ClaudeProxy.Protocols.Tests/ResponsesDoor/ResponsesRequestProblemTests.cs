using System.Text;
using ClaudeProxy.Protocols.Doors.Responses;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ResponsesDoor.ResponsesRequestDoor;

namespace ClaudeProxy.Protocols.Tests.ResponsesDoor;

/// <summary>
/// What the door refuses: a request the hub cannot carry, or one with a field of the wrong type, is a
/// problem naming the field by its JSON path, and that path is the error's <c>param</c>.
/// </summary>
public sealed class ResponsesRequestProblemTests
{
    private static string Item(string item) => Input($"[{{\"role\":\"user\",\"content\":\"Go\"}},{item}]");

    private static string UserParts(string parts) => Input($$"""[{"role":"user","content":[{{parts}}]}]""");

    private static string Tools(string tools) => Input("\"Hi\"", "\"tools\":[" + tools + "]");

    public static TheoryData<string, string, string> FieldProblems => new()
    {
        // The request.
        { """{"input":"Hi"}""", "model", "model: Field required" },
        { """{"model":7,"input":"Hi"}""", "model", "model: expected a string" },
        { """{"model":"","input":"Hi"}""", "model", "model: must not be empty" },
        { Request("\"stream\":true"), "input", "input: must hold at least one user or assistant message with content" },
        { Input("\"  \""), "input", "input: must hold at least one user or assistant message with content" },
        { Input("[]"), "input", "input: must hold at least one user or assistant message with content" },
        { Input("""[{"role":"developer","content":"Only instructions."}]"""), "input", "input: must hold at least one user or assistant message with content" },
        { Input("5"), "input", "input: expected a string or an array of input items" },
        { Input("\"Hi\"", "\"instructions\":[]"), "instructions", "instructions: expected a string" },
        { Input("\"Hi\"", "\"max_output_tokens\":0"), "max_output_tokens", "max_output_tokens: must be at least 1" },
        { Input("\"Hi\"", "\"max_output_tokens\":\"100\""), "max_output_tokens", "max_output_tokens: expected an integer" },
        { Input("\"Hi\"", "\"temperature\":2.5"), "temperature", "temperature: must be between 0 and 2" },
        { Input("\"Hi\"", "\"top_p\":1.1"), "top_p", "top_p: must be between 0 and 1" },
        { Input("\"Hi\"", "\"stream\":\"yes\""), "stream", "stream: expected a boolean" },
        { Input("\"Hi\"", "\"store\":1"), "store", "store: expected a boolean" },
        { Input("\"Hi\"", "\"parallel_tool_calls\":\"no\""), "parallel_tool_calls", "parallel_tool_calls: expected a boolean" },
        { Input("\"Hi\"", "\"reasoning\":\"high\""), "reasoning", "reasoning: expected an object" },
        { Input("\"Hi\"", "\"reasoning\":{\"effort\":\"extreme\"}"), "reasoning.effort", "reasoning.effort: 'extreme' is not one of none, minimal, low, medium, high" },
        { Input("\"Hi\"", "\"reasoning\":{\"summary\":true}"), "reasoning.summary", "reasoning.summary: expected a string" },
        { Input("\"Hi\"", "\"text\":{\"format\":{\"type\":\"xml\"}}"), "text.format.type", "text.format.type: 'xml' is not one of text, json_object, json_schema" },
        { Input("\"Hi\"", "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\"}}"), "text.format.schema", "text.format.schema: Field required" },
        { Input("\"Hi\"", "\"text\":{\"verbosity\":1}"), "text.verbosity", "text.verbosity: expected a string" },
        { Input("\"Hi\"", "\"user\":42"), "user", "user: expected a string" },
        { Input("\"Hi\"", "\"prompt_cache_key\":[]"), "prompt_cache_key", "prompt_cache_key: expected a string" },
        { Input("\"Hi\"", "\"include\":\"reasoning.encrypted_content\""), "include", "include: expected an array of strings" },
        { Input("\"Hi\"", "\"include\":[\"a\",3]"), "include[1]", "include[1]: expected a string" },
        { Input("\"Hi\"", "\"metadata\":[]"), "metadata", "metadata: expected an object" },
        { Input("\"Hi\"", "\"truncation\":true"), "truncation", "truncation: expected a string" },
        { Input("\"Hi\"", "\"top_logprobs\":-1"), "top_logprobs", "top_logprobs: must be at least 0" },
        { Input("\"Hi\"", "\"prompt\":{\"id\":\"pmpt_1\"}"), "prompt", "prompt: prompt templates are not supported: send the instructions and input themselves" },
        { Input("\"Hi\"", "\"conversation\":\"conv_1\""), "conversation", "conversation: conversations are not supported: continue with previous_response_id, or send the whole input" },
        { Input("\"Hi\"", "\"background\":true"), "background", "background: background responses are not supported" },
        { Input("\"Hi\"", "\"previous_response_id\":5"), "previous_response_id", "previous_response_id: expected a string" },
        { Input("\"Hi\"", "\"previous_response_id\":\"\""), "previous_response_id", "previous_response_id: must not be empty" },

        // Input items.
        { Input("[\"Hi\"]"), "input[0]", "input[0]: expected an object" },
        { Input("""[{"content":"Hi"}]"""), "input[0].type", "input[0].type: Field required" },
        { Input("""[{"type":7}]"""), "input[0].type", "input[0].type: expected a string" },
        { Item("""{"type":"item_reference","id":"msg_1"}"""), "input[1].type", "input[1].type: item references are not supported: send the items themselves, or continue with previous_response_id" },
        { Item("""{"type":"teleport"}"""), "input[1].type", "input[1].type: 'teleport' is not a supported input item type" },
        { Input("""[{"type":"message","content":"Hi"}]"""), "input[0].role", "input[0].role: Field required" },
        { Input("""[{"role":"tool","content":"Hi"}]"""), "input[0].role", "input[0].role: 'tool' is not one of user, assistant, system, developer" },
        { Input("""[{"role":"user"}]"""), "input[0].content", "input[0].content: Field required" },
        { Input("""[{"role":"user","content":5}]"""), "input[0].content", "input[0].content: expected a string or an array of content parts" },
        { Input("""[{"role":"developer","content":[{"type":"input_image","image_url":"https://x/y.png"}]},{"role":"user","content":"Hi"}]"""), "input[0].content[0].type", "input[0].content[0].type: 'input_image' is not supported here; only input_text" },
        { UserParts("""{"type":"input_text"}"""), "input[0].content[0].text", "input[0].content[0].text: Field required" },
        { UserParts("""{"type":"input_text","text":5}"""), "input[0].content[0].text", "input[0].content[0].text: expected a string" },
        { UserParts("""{"type":"input_video"}"""), "input[0].content[0].type", "input[0].content[0].type: 'input_video' is not one of input_text, output_text, refusal, input_image" },
        { UserParts("""{"type":"input_file","file_id":"file-1"}"""), "input[0].content[0]", "input[0].content[0]: input_file parts are not supported: send the text, or images as input_image parts" },
        { UserParts("""{"type":"input_audio","input_audio":{}}"""), "input[0].content[0]", "input[0].content[0]: input_audio parts are not supported: the model takes text and images" },
        { UserParts("""{"type":"input_image","file_id":"file-1"}"""), "input[0].content[0].file_id", "input[0].content[0].file_id: uploaded files are not supported: send the image as image_url (a base64 data URL or an http(s) URL)" },
        { UserParts("""{"type":"input_image"}"""), "input[0].content[0].image_url", "input[0].content[0].image_url: Field required" },
        { UserParts("""{"type":"input_image","image_url":"ftp://x/y.png"}"""), "input[0].content[0].image_url", "input[0].content[0].image_url: expected an http(s) URL or a base64 data URL" },
        { UserParts("""{"type":"input_image","image_url":"data:image/png,abc"}"""), "input[0].content[0].image_url", "input[0].content[0].image_url: a data URL must be base64 (data:image/png;base64,…)" },
        { UserParts("""{"type":"input_image","image_url":"data:image/tiff;base64,abc"}"""), "input[0].content[0].image_url", "input[0].content[0].image_url: the image type 'image/tiff' is not supported (image/jpeg, image/png, image/gif, image/webp)" },
        { Item("""{"role":"assistant","content":[{"type":"input_image","image_url":"https://x/y.png"}]}"""), "input[1].content[0]", "input[1].content[0]: images are not supported in an assistant message" },
        { Item("""{"type":"function_call","name":"ls","arguments":"{}"}"""), "input[1].call_id", "input[1].call_id: Field required" },
        { Item("""{"type":"function_call","call_id":"","name":"ls","arguments":"{}"}"""), "input[1].call_id", "input[1].call_id: must not be empty" },
        { Item("""{"type":"function_call","call_id":"c1","arguments":"{}"}"""), "input[1].name", "input[1].name: Field required" },
        { Item("""{"type":"function_call","call_id":"c1","name":"","arguments":"{}"}"""), "input[1].name", "input[1].name: must not be empty" },
        { Item("""{"type":"function_call","call_id":"c1","name":"ls","arguments":"[1]"}"""), "input[1].arguments", "input[1].arguments: must be a JSON object" },
        { Item("""{"type":"function_call","call_id":"c1","name":"ls","arguments":"{\"a\":"}"""), "input[1].arguments", "input[1].arguments: must be a JSON object" },
        { Item("""{"type":"function_call","call_id":"c1","name":"ls","arguments":"{} {}"}"""), "input[1].arguments", "input[1].arguments: must be a JSON object" },
        { Item("""{"type":"function_call","call_id":"c1","name":"ls","arguments":7}"""), "input[1].arguments", "input[1].arguments: expected a string holding a JSON object" },
        { Item("""{"type":"function_call","call_id":"c1","name":"ls","arguments":"{\"a\":\"\\ud800\"}"}"""), "input[1].arguments", "input[1].arguments: the JSON holds an unpaired UTF-16 surrogate escape, which is no Unicode text" },
        { Item("""{"type":"function_call_output","output":"ok"}"""), "input[1].call_id", "input[1].call_id: Field required" },
        { Item("""{"type":"function_call_output","call_id":"c1"}"""), "input[1].output", "input[1].output: Field required" },
        { Item("""{"type":"function_call_output","call_id":"c1","output":{"a":1}}"""), "input[1].output", "input[1].output: expected a string or an array of input_text and input_image parts" },
        { Item("""{"type":"function_call_output","call_id":"c1","output":[{"type":"input_file","file_data":"x"}]}"""), "input[1].output[0]", "input[1].output[0]: input_file parts are not supported: send the text, or images as input_image parts" },
        { Item("""{"type":"custom_tool_call","call_id":"c1","name":"apply_patch"}"""), "input[1].input", "input[1].input: Field required" },
        { Item("""{"type":"custom_tool_call","call_id":"c1","name":"apply_patch","input":{}}"""), "input[1].input", "input[1].input: expected a string" },
        { Item("""{"type":"custom_tool_call_output","call_id":"c1","output":3}"""), "input[1].output", "input[1].output: expected a string or an array of input_text and input_image parts" },
        { Item("""{"type":"reasoning","summary":"x"}"""), "input[1].summary", "input[1].summary: expected an array" },
        { Item("""{"type":"reasoning","summary":[],"encrypted_content":5}"""), "input[1].encrypted_content", "input[1].encrypted_content: expected a string" },

        // Tools and tool choice.
        { Input("\"Hi\"", "\"tools\":{}"), "tools", "tools: expected an array" },
        { Tools("5"), "tools[0]", "tools[0]: expected an object" },
        { Tools("""{"name":"ls"}"""), "tools[0].type", "tools[0].type: Field required" },
        { Tools("""{"type":"function"}"""), "tools[0].name", "tools[0].name: Field required" },
        { Tools("""{"type":"function","name":""}"""), "tools[0].name", "tools[0].name: must not be empty" },
        { Tools("""{"type":"custom"}"""), "tools[0].name", "tools[0].name: Field required" },
        { Tools("""{"type":"function","name":"ls","description":5}"""), "tools[0].description", "tools[0].description: expected a string" },
        { Tools("""{"type":"function","name":"ls","parameters":"{}"}"""), "tools[0].parameters", "tools[0].parameters: expected an object" },
        { Tools("""{"type":"function","name":"ls","strict":"yes"}"""), "tools[0].strict", "tools[0].strict: expected a boolean" },
        { Tools("""{"type":"custom","name":"p","format":"lark"}"""), "tools[0].format", "tools[0].format: expected an object" },
        { Tools("""{"type":"custom","name":"p","format":{"type":"regex"}}"""), "tools[0].format.type", "tools[0].format.type: 'regex' is not one of text, grammar" },
        { Tools("""{"type":"custom","name":"p","format":{"type":"grammar","syntax":"lark"}}"""), "tools[0].format.definition", "tools[0].format.definition: Field required" },
        { Input("\"Hi\"", "\"tool_choice\":\"always\""), "tool_choice", "tool_choice: 'always' is not one of none, auto, required" },
        { Input("\"Hi\"", "\"tool_choice\":5"), "tool_choice", "tool_choice: expected an object" },
        { Input("\"Hi\"", "\"tool_choice\":{\"type\":\"function\"}"), "tool_choice.name", "tool_choice.name: Field required" },
        { Input("\"Hi\"", "\"tool_choice\":{\"type\":\"function\",\"name\":\"\"}"), "tool_choice.name", "tool_choice.name: must not be empty" },
        { Input("\"Hi\"", "\"tool_choice\":{\"type\":\"magic\"}"), "tool_choice.type", "tool_choice.type: 'magic' is not one of function, custom, allowed_tools" },
    };

    [Theory]
    [MemberData(nameof(FieldProblems))]
    public void A_refused_field_is_named_by_its_path_in_the_problem_and_the_param(string request, string param, string problem)
    {
        var result = Refused(request);

        Assert.Equal(problem, result.Problem);
        Assert.Equal(param, result.ProblemParam);
    }

    [Theory]
    [InlineData("{\"model\":\"gpt-5\",", "The request body is not valid JSON: ")]
    [InlineData("[1,2]", "The request body must be a JSON object.")]
    [InlineData("{\"model\":\"gpt-5\",\"input\":\"\\ud800 alone\"}", "The request body holds an unpaired UTF-16 surrogate escape (such as \\ud800 alone), which is no Unicode text.")]
    public void A_body_that_is_no_request_is_a_problem_of_the_whole_body(string body, string problemStart)
    {
        var result = Refused(body);

        Assert.StartsWith(problemStart, result.Problem, StringComparison.Ordinal);
        Assert.Null(result.ProblemParam);
    }

    [Fact]
    public void Invalid_utf8_is_a_problem_of_the_whole_body()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"model\":\"gpt-5\",\"input\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        var result = ResponsesRequestTranslator.Translate(body, NoneStored);

        Assert.Equal("The request body is not valid UTF-8.", result.Problem);
        Assert.Null(result.Body);
        Assert.Null(result.Model);
    }

    [Fact]
    public void A_refused_request_still_reports_its_model_stream_store_and_prompt_cache_key()
    {
        var result = Refused(Input("5", """ "stream":true,"store":false,"prompt_cache_key":"k" """));

        Assert.Equal("gpt-5", result.Model);
        Assert.True(result.Stream);
        Assert.False(result.Store);
        Assert.Equal("k", result.PromptCacheKey);
        Assert.Empty(result.DroppedTools);
    }
}
