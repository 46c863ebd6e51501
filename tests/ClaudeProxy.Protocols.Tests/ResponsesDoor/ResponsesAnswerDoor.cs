using System.Buffers;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Responses;
using ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;
using ClaudeProxy.Protocols.Tests.Golden;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesDoor;

/// <summary>Drives the Responses door's answer translators the way the endpoint does, and reads what they write.</summary>
internal static class ResponsesAnswerDoor
{
    public const long Created = 1_700_000_000;

    public const string ResponseId = "resp_0123456789abcdef0123456789abcdef";

    /// <summary>The model the endpoint passes: the client's.</summary>
    public const string ClientModel = "gpt-5";

    /// <summary>The item ids' middle part: the response id without <c>resp_</c>.</summary>
    public const string IdBody = "0123456789abcdef0123456789abcdef";

    /// <summary>The response fields OpenAI answers for a request that set none of them.</summary>
    public const string DefaultEcho = """
        "instructions":null,"max_output_tokens":null,"parallel_tool_calls":true,"previous_response_id":null,
        "reasoning":{"effort":null,"summary":null},"store":true,"temperature":1,"text":{"format":{"type":"text"}},
        "tool_choice":"auto","tools":[],"top_p":1,"truncation":"disabled","user":null,"metadata":{}
        """;

    /// <summary>An answer context with <paramref name="echo"/> and the custom tools named.</summary>
    public static ResponsesAnswerContext Context(string echo = "{}", params string[] customTools) =>
        new(Encoding.UTF8.GetBytes(echo), new HashSet<string>(customTools, StringComparer.Ordinal));

    /// <summary>The id of the output item at <paramref name="index"/> with <paramref name="prefix"/>.</summary>
    public static string ItemId(string prefix, int index) => $"{prefix}_{IdBody}_{index}";

    /// <summary>Translates a whole message; returns the response object and the output items (clones).</summary>
    public static (JsonElement Response, JsonElement OutputItems) Translate(string message, ResponsesAnswerContext? context = null)
    {
        var answer = ResponsesResponseTranslator.Translate(Encoding.UTF8.GetBytes(message), context ?? Context(), ResponseId, ClientModel, Created);
        return (Parse(answer.Body), Parse(answer.OutputItems));
    }

    public static JsonElement Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonElement Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <inheritdoc cref="ChatDoor.AssertJsonEqual(string, string)"/>
    public static void AssertJsonEqual(string expected, string actual) => ChatDoor.AssertJsonEqual(expected, actual);

    public static void AssertJsonEqual(string expected, JsonElement actual) => ChatDoor.AssertJsonEqual(expected, actual);

    /// <summary>Feeds <paramref name="pieces"/> of an Anthropic stream to a fresh translator, then completes it; returns everything written.</summary>
    public static string Stream(IEnumerable<byte[]> pieces, ResponsesAnswerContext? context = null, bool complete = true, Action<ResponsesStreamTranslator>? inspect = null)
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new ResponsesStreamTranslator(context ?? Context(), ResponseId, ClientModel, Created);
        foreach (var piece in pieces)
        {
            translator.Write(piece, output);
        }

        if (complete)
        {
            translator.Complete(output);
        }

        inspect?.Invoke(translator);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Translates a whole stream and lets <paramref name="inspect"/> look at the translator afterwards.</summary>
    public static string Stream(string sse, ResponsesAnswerContext? context = null, Action<ResponsesStreamTranslator>? inspect = null) =>
        Stream([Encoding.UTF8.GetBytes(sse)], context, inspect: inspect);

    /// <summary>
    /// Translates <paramref name="sse"/> whole, then cut at every single byte boundary into two reads, one
    /// byte per read, and at seeded random cuts; every way must write the same bytes, which are returned.
    /// </summary>
    public static string StreamAllWays(string sse, ResponsesAnswerContext? context = null)
    {
        var bytes = Encoding.UTF8.GetBytes(sse);
        var whole = Stream([bytes], context);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var output = Stream([bytes[..cut], bytes[cut..]], context);
            Assert.True(whole == output, $"Cut at byte {cut} wrote:\n{output}\nbut whole wrote:\n{whole}");
        }

        foreach (var (label, pieces) in StreamFeeds.All(bytes))
        {
            var output = Stream(pieces, context);
            Assert.True(whole == output, $"Cut '{label}' wrote:\n{output}\nbut whole wrote:\n{whole}");
        }

        return whole;
    }

    /// <summary>
    /// The events of a Responses stream, strictly: every frame is exactly <c>event: T</c>, <c>data: X</c>
    /// and a blank line, X is a JSON object whose <c>type</c> is T, and the sequence numbers count from 0.
    /// </summary>
    public static List<JsonElement> Events(string stream)
    {
        Assert.True(stream.Length == 0 || stream.EndsWith("\n\n", StringComparison.Ordinal), "The stream must end with a complete frame.");
        var events = new List<JsonElement>();
        foreach (var frame in stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = frame.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            var data = Parse(lines[1]["data: ".Length..]);
            Assert.Equal(lines[0]["event: ".Length..], data.GetProperty("type").GetString());
            Assert.Equal(events.Count, data.GetProperty("sequence_number").GetInt32());
            events.Add(data);
        }

        return events;
    }

    /// <summary>The types of <paramref name="events"/>, in order.</summary>
    public static List<string> Types(IEnumerable<JsonElement> events) => [.. events.Select(e => e.GetProperty("type").GetString()!)];

    /// <summary>The event's data without <c>type</c> and <c>sequence_number</c>, for comparing payloads alone.</summary>
    public static string Payload(JsonElement data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in data.EnumerateObject().Where(p => p.Name is not "type" and not "sequence_number"))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// A response object as the translators write it for a request with no echo: <paramref name="rest"/>
    /// holds <c>status</c>, <c>error</c>, <c>incomplete_details</c>, <c>output</c> and <c>usage</c>.
    /// </summary>
    public static string Response(string rest, string model = "claude-sonnet-4-5") =>
        $$"""{"id":"{{ResponseId}}","object":"response","created_at":{{Created}},"model":"{{model}}",{{rest}},{{DefaultEcho}}}""";

    /// <summary>The <c>usage</c> object for the given counts.</summary>
    public static string UsageJson(long input, long cached, long output) =>
        $$"""{"input_tokens":{{input}},"input_tokens_details":{"cached_tokens":{{cached}}},"output_tokens":{{output}},"output_tokens_details":{"reasoning_tokens":0},"total_tokens":{{input + output}}}""";
}
