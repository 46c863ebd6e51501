using System.Buffers;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Protocols.Tests.Golden;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;

/// <summary>Drives the Chat Completions door's translators the way the endpoint does, and reads what they write.</summary>
internal static class ChatDoor
{
    public const long Created = 1_700_000_000;

    /// <summary>A request body: <c>"model":"gpt-4o"</c>, then <paramref name="fields"/>.</summary>
    public static string Request(string fields) => "{\"model\":\"gpt-4o\"," + fields + "}";

    /// <summary>A request with <paramref name="messages"/> and optional further fields.</summary>
    public static string Messages(string messages, string fields = "") =>
        Request("\"messages\":" + messages + (fields.Length > 0 ? "," + fields : ""));

    /// <summary>Translates a request that must succeed; returns the hub body's root (a clone, owned by no document).</summary>
    public static JsonElement Hub(string chatRequest)
    {
        var result = ChatCompletionsRequestTranslator.Translate(Encoding.UTF8.GetBytes(chatRequest));
        Assert.Null(result.Problem);
        Assert.Null(result.ProblemParam);
        Assert.NotNull(result.Body);
        using var document = JsonDocument.Parse(result.Body);
        return document.RootElement.Clone();
    }

    /// <summary>The hub's <c>messages</c>, compact, one JSON text per turn.</summary>
    public static List<string> Turns(JsonElement hub) => [.. hub.GetProperty("messages").EnumerateArray().Select(m => m.GetRawText())];

    /// <summary>Translates a request that must be refused.</summary>
    public static ChatCompletionsRequest Refused(string chatRequest)
    {
        var result = ChatCompletionsRequestTranslator.Translate(Encoding.UTF8.GetBytes(chatRequest));
        Assert.Null(result.Body);
        Assert.NotNull(result.Problem);
        return result;
    }

    /// <summary>Compares two JSON texts by value (property order and white space aside).</summary>
    public static void AssertJsonEqual(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(e.RootElement, a.RootElement), $"Expected {Normalize(e.RootElement)}\nbut got  {Normalize(a.RootElement)}");
    }

    public static void AssertJsonEqual(string expected, JsonElement actual) => AssertJsonEqual(expected, actual.GetRawText());

    private static string Normalize(JsonElement element) => JsonSerializerless.Compact(element);

    /// <summary>Feeds <paramref name="pieces"/> of an Anthropic stream to a fresh translator, then completes it; returns everything written.</summary>
    public static string Stream(IEnumerable<byte[]> pieces, bool includeUsage, bool complete = true, Action<ChatCompletionsStreamTranslator>? inspect = null)
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new ChatCompletionsStreamTranslator(includeUsage, Created);
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

    /// <summary>
    /// Translates <paramref name="sse"/> whole, then cut at every single byte boundary into two reads, one
    /// byte per read, and at seeded random cuts; every way must write the same bytes, which are returned.
    /// </summary>
    public static string StreamAllWays(string sse, bool includeUsage)
    {
        var bytes = Encoding.UTF8.GetBytes(sse);
        var whole = Stream([bytes], includeUsage);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Equal(whole, Stream([bytes[..cut], bytes[cut..]], includeUsage));
        }

        foreach (var (label, pieces) in StreamFeeds.All(bytes))
        {
            var output = Stream(pieces, includeUsage);
            Assert.True(whole == output, $"Cut '{label}' wrote:\n{output}\nbut whole wrote:\n{whole}");
        }

        return whole;
    }

    /// <summary>
    /// The payloads of a Chat Completions stream, strictly: every frame is exactly <c>data: X</c> and a
    /// blank line. <c>[DONE]</c> is returned as the string; every other payload must be JSON.
    /// </summary>
    public static List<string> Frames(string stream)
    {
        Assert.True(stream.Length == 0 || stream.EndsWith("\n\n", StringComparison.Ordinal), "The stream must end with a complete frame.");
        var frames = new List<string>();
        foreach (var frame in stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", frame, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', frame);
            var payload = frame["data: ".Length..];
            if (payload != "[DONE]")
            {
                using var _ = JsonDocument.Parse(payload);
            }

            frames.Add(payload);
        }

        return frames;
    }

    /// <summary>The JSON chunks of a stream (every frame but <c>[DONE]</c>), parsed; checks <c>[DONE]</c> is last and there once.</summary>
    public static List<JsonElement> Chunks(string stream)
    {
        var frames = Frames(stream);
        Assert.Equal("[DONE]", frames[^1]);
        Assert.Single(frames, f => f == "[DONE]");
        return [.. frames.SkipLast(1).Select(f =>
        {
            using var document = JsonDocument.Parse(f);
            return document.RootElement.Clone();
        })];
    }

    /// <summary>The <c>delta</c> of a chunk's only choice.</summary>
    public static JsonElement Delta(JsonElement chunk) => Assert.Single(chunk.GetProperty("choices").EnumerateArray()).GetProperty("delta");

    /// <summary>All <c>delta.content</c> of a stream, joined, as a client's accumulator joins it.</summary>
    public static string Content(IEnumerable<JsonElement> chunks, string field = "content") =>
        string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(Delta)
            .Where(d => d.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String)
            .Select(d => d.GetProperty(field).GetString()));

    /// <summary>The tool calls of a stream, accumulated by index as the OpenAI SDKs do: (id, name, arguments).</summary>
    public static SortedDictionary<int, (string Id, string Name, string Arguments)> ToolCalls(IEnumerable<JsonElement> chunks)
    {
        var calls = new SortedDictionary<int, (string Id, string Name, string Arguments)>();
        foreach (var chunk in chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0))
        {
            if (!Delta(chunk).TryGetProperty("tool_calls", out var toolCalls))
            {
                continue;
            }

            foreach (var call in toolCalls.EnumerateArray())
            {
                var index = call.GetProperty("index").GetInt32();
                var (id, name, arguments) = calls.GetValueOrDefault(index, ("", "", ""));
                if (call.TryGetProperty("id", out var idElement))
                {
                    id = idElement.GetString()!;
                }

                var function = call.GetProperty("function");
                if (function.TryGetProperty("name", out var nameElement))
                {
                    name = nameElement.GetString()!;
                }

                arguments += function.GetProperty("arguments").GetString();
                calls[index] = (id, name, arguments);
            }
        }

        return calls;
    }
}

/// <summary>A compact JSON text of an element, for failure messages.</summary>
internal static class JsonSerializerless
{
    public static string Compact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary>Writes Anthropic Messages stream events as an upstream sends them.</summary>
internal static class AnthropicEvents
{
    public static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";

    public static string MessageStart(string id = "msg_01abc", string model = "claude-sonnet-4-5", string usage = """{"input_tokens":10,"output_tokens":1}""") =>
        Event("message_start", $$$"""{"type":"message_start","message":{"id":"{{{id}}}","type":"message","role":"assistant","model":"{{{model}}}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{{{usage}}}}}""");

    public static string Ping() => Event("ping", """{"type":"ping"}""");

    public static string TextStart(int index) =>
        Event("content_block_start", $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"text","text":""}}""");

    public static string ThinkingStart(int index) =>
        Event("content_block_start", $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"thinking","thinking":"","signature":""}}""");

    public static string ToolStart(int index, string id, string name) =>
        Event("content_block_start", $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"tool_use","id":"{{{id}}}","name":"{{{name}}}","input":{}} }""");

    /// <summary>A text delta; <paramref name="jsonText"/> is the JSON string token, quotes included.</summary>
    public static string TextDelta(int index, string jsonText) =>
        Event("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"text_delta","text":{{{jsonText}}}}}""");

    public static string ThinkingDelta(int index, string jsonText) =>
        Event("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"thinking_delta","thinking":{{{jsonText}}}}}""");

    public static string SignatureDelta(int index) =>
        Event("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"signature_delta","signature":"EqQBCkYIBxgCKkA"}}""");

    /// <summary>An input delta carrying <paramref name="partialJson"/> (raw JSON text, escaped here).</summary>
    public static string InputDelta(int index, string partialJson) =>
        Event("content_block_delta", $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"input_json_delta","partial_json":{{{Quote(partialJson)}}}}}""");

    public static string BlockStop(int index) => Event("content_block_stop", $$$"""{"type":"content_block_stop","index":{{{index}}}}""");

    public static string MessageDelta(string stopReason, string usage = """{"output_tokens":42}""") =>
        Event("message_delta", $$$"""{"type":"message_delta","delta":{"stop_reason":"{{{stopReason}}}","stop_sequence":null},"usage":{{{usage}}}}""");

    public static string MessageStop() => Event("message_stop", """{"type":"message_stop"}""");

    public static string Error(string type, string message) =>
        Event("error", $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"}}""");

    /// <summary>A JSON string token holding <paramref name="text"/>.</summary>
    public static string Quote(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A whole text answer: start, one text block in <paramref name="pieces"/>, the stop.</summary>
    public static string TextAnswer(string stopReason = "end_turn", params string[] pieces) =>
        MessageStart() + Ping() + TextStart(0) + string.Concat(pieces.Select(p => TextDelta(0, Quote(p)))) + BlockStop(0)
        + MessageDelta(stopReason) + MessageStop();
}
