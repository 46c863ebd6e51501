using System.Buffers;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Gemini;
using ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;
using ClaudeProxy.Protocols.Tests.Golden;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiDoor;

/// <summary>Drives the Gemini door's translators the way the endpoint does, and reads what they write.</summary>
internal static class GeminiDoorDriver
{
    public const string Model = "gemini-2.5-pro";

    /// <summary>A request whose contents are one user text, <c>Hi</c>, then <paramref name="fields"/>.</summary>
    public static string Hi(string fields = "") =>
        """{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]""" + (fields.Length > 0 ? "," + fields : "") + "}";

    /// <summary>The hub turn of <see cref="Hi"/>.</summary>
    public const string HiTurn = """{"role":"user","content":[{"type":"text","text":"Hi"}]}""";

    public static GeminiDoorRequest Translate(string body, bool stream = false) =>
        GeminiDoorRequestTranslator.Translate(Encoding.UTF8.GetBytes(body), Model, stream);

    /// <summary>Translates a request that must succeed; returns the hub body's root (a clone, owned by no document).</summary>
    public static JsonElement Hub(string body, bool stream = false) => Parse(Succeeded(Translate(body, stream)));

    public static JsonElement CountTokensHub(string body) =>
        Parse(Succeeded(GeminiDoorRequestTranslator.TranslateCountTokens(Encoding.UTF8.GetBytes(body), Model)));

    /// <summary>Translates a request that must be refused; returns the problem.</summary>
    public static string Problem(string body)
    {
        var result = Translate(body);
        Assert.Null(result.Body);
        Assert.NotNull(result.Problem);
        return result.Problem;
    }

    public static byte[] Succeeded(GeminiDoorRequest result)
    {
        Assert.Null(result.Problem);
        Assert.NotNull(result.Body);
        return result.Body;
    }

    public static JsonElement Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonElement Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    public static void AssertJsonEqual(string expected, JsonElement actual) => ChatDoor.AssertJsonEqual(expected, actual);

    public static void AssertJsonEqual(string expected, byte[] actual) => ChatDoor.AssertJsonEqual(expected, Encoding.UTF8.GetString(actual));

    /// <summary>The hub's <c>messages</c>, compact, one JSON text per turn.</summary>
    public static List<string> Turns(JsonElement hub) => [.. hub.GetProperty("messages").EnumerateArray().Select(m => m.GetRawText())];

    /// <summary>Feeds <paramref name="pieces"/> of an Anthropic stream to a fresh translator, then completes it; returns everything written.</summary>
    public static string Stream(IEnumerable<byte[]> pieces, bool sse, bool includeThoughts = true, bool complete = true, Action<GeminiDoorStreamTranslator>? inspect = null)
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new GeminiDoorStreamTranslator(Model, sse) { IncludeThoughts = includeThoughts };
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
    /// Translates <paramref name="sse"/> whole, cut in two at every byte, one byte per read and at seeded
    /// random cuts; every way must write the same bytes, which are returned.
    /// </summary>
    public static string StreamAllWays(string sse, bool sseFraming, bool includeThoughts = true)
    {
        var bytes = Encoding.UTF8.GetBytes(sse);
        var whole = Stream([bytes], sseFraming, includeThoughts);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Equal(whole, Stream([bytes[..cut], bytes[cut..]], sseFraming, includeThoughts));
        }

        foreach (var (label, pieces) in StreamFeeds.All(bytes))
        {
            var output = Stream(pieces, sseFraming, includeThoughts);
            Assert.True(whole == output, $"Cut '{label}' wrote:\n{output}\nbut whole wrote:\n{whole}");
        }

        return whole;
    }

    /// <summary>The payloads of an SSE stream, strictly: every frame is exactly <c>data: X</c> then <c>\r\n\r\n</c>, X one line of JSON.</summary>
    public static List<string> SseFrames(string stream)
    {
        Assert.EndsWith("\r\n\r\n", stream, StringComparison.Ordinal);
        var frames = new List<string>();
        foreach (var frame in stream.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", frame, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', frame);
            Assert.DoesNotContain('\r', frame);
            var payload = frame["data: ".Length..];
            using var _ = JsonDocument.Parse(payload);
            frames.Add(payload);
        }

        return frames;
    }

    /// <summary>The elements of a JSON-array stream, strictly: <c>[</c>, elements each on one line followed by <c>\n</c> and separated by <c>,</c>, then <c>]</c>.</summary>
    public static List<string> ArrayElements(string stream)
    {
        using (JsonDocument.Parse(stream))
        {
            // The whole stream is one JSON array.
        }

        Assert.StartsWith("[", stream, StringComparison.Ordinal);
        Assert.EndsWith("\n]", stream, StringComparison.Ordinal);
        var lines = stream[1..^1].Split('\n');
        Assert.Equal("", lines[^1]);
        var elements = new List<string>();
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            if (i > 0)
            {
                Assert.StartsWith(",", line, StringComparison.Ordinal);
                line = line[1..];
            }

            elements.Add(line);
        }

        return elements;
    }

    /// <summary>The one part of a chunk's only candidate.</summary>
    public static JsonElement OnlyPart(string chunk) =>
        Assert.Single(Assert.Single(Parse(chunk).GetProperty("candidates").EnumerateArray()).GetProperty("content").GetProperty("parts").EnumerateArray());
}

/// <summary>Fills a JSON template's <c>@0</c>, <c>@1</c>, … with values: JSON's braces make interpolated raw strings hard to read.</summary>
internal static class JsonTemplate
{
    public static string Fill(this string template, params object[] values)
    {
        for (var i = values.Length - 1; i >= 0; i--)
        {
            template = template.Replace("@" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }
}
