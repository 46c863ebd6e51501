using System.Text;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Responses;
using CsCheck;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// The Responses stream's <c>response.output_text.delta</c> events are read straight from their bytes:
/// whatever the stream around them, they write what the document path writes.
/// </summary>
public sealed partial class DirectChunkReadingTests
{
    [Theory]
    [InlineData("plain words", "\"plain words\"")]
    [InlineData("quote \" backslash \\ slash / controls \b\f\n\r\t", "\"quote \\\" backslash \\\\ slash \\/ controls \\b\\f\\n\\r\\t\"")]
    [InlineData("é 模型 \u2028 \u2029 \uFEFF", "\"\\u00e9 \\u6A21\\u578b \\u2028 \\u2029 \\ufeff\"")]
    [InlineData("😀 🎉", "\"😀 \\ud83c\\udf89\"")]
    [InlineData("</script>&'+`\u007F", "\"</script>&'+`\u007F\"")]
    public void A_responses_text_delta_read_directly_writes_what_the_document_path_writes(string text, string jsonValue)
    {
        var body = Sse(ResponsesText(jsonValue), ResponsesText(jsonValue), ResponsesCompleted);

        var (direct, reference, directChunks) = RunBoth(body, Responses);

        Assert.Equal(reference, direct);
        Assert.Equal(2, directChunks);
        Assert.Contains("\"text\":" + System.Text.Json.JsonSerializer.Serialize(text, JsonEscaping), Encoding.UTF8.GetString(direct.Events), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"x"}""", 1)]
    [InlineData("""{"delta":"order does not matter","content_index":0,"output_index":0,"type":"response.output_text.delta"}""", 1)]
    [InlineData("""{"type":"response.output_text.delta","delta":"no indices"}""", 1)]
    [InlineData("""{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":""}""", 1)]
    [InlineData("""{"type":"response.output_text.delta","output_index":1,"content_index":2,"delta":"another part"}""", 1)]
    [InlineData("""{"type":"response.output\u005ftext.delta","output_index":0,"content_index":0,"delta":"escaped type"}""", 1)]
    [InlineData("""{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"lone \ud800 surrogate"}""", 0)]
    [InlineData("""{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"a","delta":"twice"}""", 0)]
    [InlineData("""{"type":"response.output_text.delta","type":"response.output_text.delta","delta":"type twice"}""", 0)]
    [InlineData("""{"type":"response.output_text.delta","output_index":0.5,"content_index":0,"delta":"fractional index"}""", 0)]
    [InlineData("""{"type":"response.output_text.delta","output_index":"0","content_index":0,"delta":"string index"}""", 0)]
    [InlineData("""{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":null}""", 0)]
    [InlineData("""{"type":"response.refusal.delta","output_index":0,"content_index":0,"delta":"a refusal"}""", 0)]
    [InlineData("""{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"a"} trailing""", 0)]
    public void A_responses_event_is_read_directly_only_when_it_is_a_plain_text_delta_and_writes_the_same_either_way(string chunk, int expectedDirect)
    {
        var body = Sse(
            """{"type":"response.output_item.added","output_index":0,"item":{"id":"msg_1","type":"message","content":[]}}""",
            chunk,
            ResponsesCompleted);

        var (direct, reference, directChunks) = RunBoth(body, Responses);

        Assert.Equal(reference, direct);
        Assert.Equal(expectedDirect, directChunks);
    }

    [Fact]
    public void A_text_delta_after_a_thinking_block_or_a_tool_call_closes_it_the_same_way_either_way()
    {
        var body = Sse(
            """{"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Plan"}""",
            ResponsesText("\"after thinking\""),
            """{"type":"response.output_item.added","output_index":2,"item":{"id":"fc_1","type":"function_call","call_id":"call_1","name":"Bash","arguments":""}}""",
            """{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":2,"delta":"{"}""",
            ResponsesText("\"after a call\""),
            ResponsesCompleted);

        var (direct, reference, directChunks) = RunBoth(body, Responses);

        Assert.Equal(reference, direct);
        Assert.Equal(2, directChunks);
    }

    [Fact]
    public void Random_responses_streams_give_the_same_events_read_directly_as_through_documents()
    {
        FuzzRun.Check(Streams(ResponsesChunks), defaultIterations: 400, reads =>
        {
            var (direct, reference, _) = RunBoth(reads, Responses);
            Assert.Equal(reference, direct);
        }, Describe);
    }

    [Fact]
    public void The_random_responses_streams_take_the_direct_path_for_a_good_share_of_their_events()
    {
        var (taken, total) = Coverage(ResponsesChunks, Responses);

        Assert.True(taken * 4 > total, $"Responses: {taken} of {total}");
    }

    private static readonly CreateTranslator Responses = (output, direct) =>
    {
        var context = new ResponsesResponseContext("claude-sonnet-4-5", ToolNameMap.ForOpenAI()) { MessageId = MessageId };
        return (new ResponsesStreamTranslator(output, context) { ReadsCommonChunksDirectly = direct }, context.Notes);
    };

    private const string ResponsesCompleted =
        """{"type":"response.completed","response":{"status":"completed","usage":{"input_tokens":9,"input_tokens_details":{"cached_tokens":4},"output_tokens":3}}}""";

    private static string ResponsesText(string jsonValue, int outputIndex = 0, int contentIndex = 0) =>
        $$"""{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_1","output_index":{{outputIndex}},"content_index":{{contentIndex}},"delta":{{jsonValue}},"logprobs":[],"obfuscation":"Zt9"}""";

    private static readonly Gen<byte[]> ResponsesChunks = Gen.Frequency(
        (30, Gen.Select(StringValue, Gen.Int[0, 2], Gen.Int[0, 1], (v, output, content) =>
            Wrap($"{{\"type\":\"response.output_text.delta\",\"sequence_number\":3,\"item_id\":\"msg_{output}\",\"output_index\":{output},\"content_index\":{content},\"delta\":", v, ",\"logprobs\":[]}"))),
        (3, StringValue.Select(v => Wrap("{\"delta\":", v, ",\"type\":\"response.output_text.delta\"}"))),
        (2, StringValue.Select(v => Wrap("{\"type\":\"response.output_text.delta\",\"delta\":\"first\",\"delta\":", v, "}"))),
        (1, StringValue.Select(v => Wrap("{\"type\":\"response.output_text.delta\",\"output_index\":\"0\",\"delta\":", v, "}"))),
        (3, StringValue.Select(v => Wrap("{\"type\":\"response.refusal.delta\",\"output_index\":0,\"content_index\":1,\"delta\":", v, "}"))),
        (4, Gen.Select(StringValue, Gen.Int[0, 1], (v, part) => Wrap($"{{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs_1\",\"output_index\":0,\"summary_index\":{part},\"delta\":", v, "}"))),
        (2, StringValue.Select(v => Wrap("{\"type\":\"response.reasoning_text.delta\",\"item_id\":\"rs_1\",\"output_index\":0,\"content_index\":0,\"delta\":", v, "}"))),
        (3, Gen.Int[0, 2].Select(i => Ascii($"{{\"type\":\"response.output_item.added\",\"output_index\":{i},\"item\":{{\"id\":\"fc_{i}\",\"type\":\"function_call\",\"call_id\":\"call_{i}\",\"name\":\"Bash\",\"arguments\":\"\"}}}}"))),
        (3, Gen.Select(Gen.Int[0, 2], Pick("{\\\"a\\\":", "1}", "{}", " "), (i, a) => Ascii($"{{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_{i}\",\"output_index\":{i},\"delta\":\"{a}\"}}"))),
        (2, Gen.Int[0, 2].Select(i => Ascii($"{{\"type\":\"response.output_item.added\",\"output_index\":{i},\"item\":{{\"id\":\"msg_{i}\",\"type\":\"message\",\"content\":[]}}}}"))),
        (2, Pick(
            "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\",\"encrypted_content\":\"gAAAA\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Plan\"}]}}",
            "{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"whole\"}]}}",
            "{\"type\":\"response.output_item.done\",\"output_index\":2,\"item\":{\"id\":\"fc_2\",\"type\":\"function_call\",\"call_id\":\"call_2\",\"name\":\"Read\",\"arguments\":\"{}\"}}").Select(Ascii)),
        (1, Pick(
            "{\"type\":\"response.created\",\"response\":{\"status\":\"in_progress\",\"error\":null}}",
            "{\"type\":\"response.content_part.added\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\"}}",
            "{\"type\":\"response.output_text.delta\",\"delta\":5}",
            "{\"type\":\"response.output_text.delta\",\"delta\":null}",
            "{\"type\":\"response.output_text.delta\",\"output_index\":1.5,\"delta\":\"x\"}",
            "{\"type\":\"response.output_text.delta\",\"delta\":\"a\"} x",
            "{\"type\":\"response.output_text.delta\",\"delta\":\"a\"",
            "{\"type\":\"response.future.delta\",\"delta\":\"?\"}",
            "{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\",\"usage\":{\"input_tokens\":10,\"output_tokens\":3,\"input_tokens_details\":{\"cached_tokens\":4}}}}",
            "{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"}}}",
            "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}}",
            "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow\"}",
            "{\"type\":5}",
            "[1,2]",
            "not json",
            "[DONE]").Select(Ascii)));
}
