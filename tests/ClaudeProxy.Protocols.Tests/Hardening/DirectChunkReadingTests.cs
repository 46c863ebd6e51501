using System.Buffers;
using System.Globalization;
using System.Text;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using CsCheck;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// The stream translators read common text chunks straight from their bytes; every other chunk goes
/// through a <see cref="System.Text.Json.JsonDocument"/>. The reference for the direct reading is the
/// same translator with it turned off: for any stream — text escaped every way JSON allows, raw
/// and escaped unicode, invalid UTF-8, lone surrogates, duplicated or reordered properties, tool
/// calls, thoughts, usage, errors, broken JSON, cut into random reads — both write the same bytes,
/// the same notes and the same usage.
/// </summary>
public sealed partial class DirectChunkReadingTests
{
    private const string MessageId = "msg_0123456789abcdef01234567";

    [Theory]
    [InlineData("plain words", "\"plain words\"")]
    [InlineData("quote \" backslash \\ slash / controls \b\f\n\r\t", "\"quote \\\" backslash \\\\ slash \\/ controls \\b\\f\\n\\r\\t\"")]
    [InlineData("é 模型 \u2028 \u2029 \uFEFF", "\"é 模型 \u2028 \u2029 \uFEFF\"")]
    [InlineData("é 模型 \u2028 \u2029 \uFEFF", "\"\\u00e9 \\u6A21\\u578b \\u2028 \\u2029 \\ufeff\"")]
    [InlineData("😀 🎉", "\"😀 \\ud83c\\udf89\"")]
    [InlineData("😀", "\"\\ud83d\\ude00\"")]
    [InlineData("</script>&'+`\u007F", "\"</script>&'+`\u007F\"")]
    [InlineData("\0\u0001\u001f", "\"\\u0000\\u0001\\u001F\"")]
    public void An_openai_text_chunk_read_directly_writes_what_the_document_path_writes(string text, string jsonValue)
    {
        var body = Sse(OpenAIText(jsonValue), "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}", "[DONE]");

        var (direct, reference, directChunks) = RunBoth(body, OpenAI);

        Assert.Equal(reference, direct);
        Assert.Equal(2, directChunks);
        var written = Encoding.UTF8.GetString(direct.Events);
        Assert.Contains("\"text\":" + System.Text.Json.JsonSerializer.Serialize(text, JsonEscaping), written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain words", "\"plain words\"")]
    [InlineData("quote \" backslash \\ slash / controls \b\f\n\r\t", "\"quote \\\" backslash \\\\ slash \\/ controls \\b\\f\\n\\r\\t\"")]
    [InlineData("é 模型 \u2028", "\"\\u00e9 \\u6A21\\u578b \\u2028\"")]
    [InlineData("😀", "\"\\ud83d\\ude00\"")]
    public void A_gemini_text_chunk_read_directly_writes_what_the_document_path_writes(string text, string jsonValue)
    {
        var body = Sse(GeminiText(jsonValue), GeminiText(jsonValue, usage: true), "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}]},\"finishReason\":\"STOP\"}]}");

        var (direct, reference, directChunks) = RunBoth(body, Gemini);

        Assert.Equal(reference, direct);
        Assert.Equal(2, directChunks);
        Assert.Contains("\"text\":" + System.Text.Json.JsonSerializer.Serialize(text, JsonEscaping), Encoding.UTF8.GetString(direct.Events), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}", 1)]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":null}}]}", 1)]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"last words\"},\"finish_reason\":\"length\"}]}", 1)]
    [InlineData("{\"choices\":[{\"finish_reason\":\"stop\",\"delta\":{\"content\":\"finish first\"}}]}", 1)]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"a\",\"refusal\":null,\"tool_calls\":null,\"reasoning_content\":null}}],\"usage\":null}", 1)]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"lone \\ud800 surrogate\"}}]}", 0)]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"a\",\"content\":\"twice\"}}]}", 0)]
    [InlineData("{\"choices\":[{\"delta\":{\"refusal\":\"no\"}}]}", 0)]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"a\"}}]} trailing", 0)]
    public void An_openai_chunk_is_read_directly_only_when_it_is_plain_text_and_writes_the_same_either_way(string chunk, int expectedDirect)
    {
        var body = Sse(chunk, "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}", "[DONE]");

        var (direct, reference, directChunks) = RunBoth(body, OpenAI);

        Assert.Equal(reference, direct);
        Assert.Equal(expectedDirect, directChunks);
    }

    [Fact]
    public void Invalid_utf8_in_a_text_chunk_goes_to_the_document_path_and_is_reported_as_it_always_was()
    {
        var chunk = Concat("{\"choices\":[{\"delta\":{\"content\":\"bad "u8.ToArray(), [0xC3, 0x28], "\"}}]}"u8.ToArray());
        var body = Concat("data: "u8.ToArray(), chunk, "\n\ndata: [DONE]\n\n"u8.ToArray());

        var (direct, reference, directChunks) = RunBoth([body], OpenAI);

        Assert.Equal(reference, direct);
        Assert.Equal(0, directChunks);
    }

    [Fact]
    public void Text_after_a_tool_call_opened_goes_to_the_document_path()
    {
        var body = Sse(
            OpenAIText("\"before\""),
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"a\\\":\"}}]}}]}",
            OpenAIText("\"held\""),
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]}}]}",
            OpenAIText("\"after\""),
            "{\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
            "[DONE]");

        var (direct, reference, directChunks) = RunBoth(body, OpenAI);

        Assert.Equal(reference, direct);
        Assert.Equal(2, directChunks);
    }

    [Fact]
    public void Gemini_usage_read_directly_counts_a_repeated_count_by_its_last_value_as_a_document_does()
    {
        var body = Sse(
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}]}}],\"usageMetadata\":{\"promptTokenCount\":5,\"promptTokenCount\":9,"
                + "\"cachedContentTokenCount\":2,\"candidatesTokenCount\":1.5,\"thoughtsTokenCount\":\"3\",\"toolUsePromptTokenCount\":1,"
                + "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":9}]}}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"!\"}]},\"finishReason\":\"STOP\"}]}");

        var (direct, reference, directChunks) = RunBoth(body, Gemini);

        Assert.Equal(reference, direct);
        Assert.Equal(1, directChunks);
        Assert.Equal(new AnthropicUsage(8, 0, 0, 2), direct.Usage);
    }

    [Fact]
    public void Every_unicode_scalar_is_written_the_same_from_utf8_as_from_utf16()
    {
        var fromUtf16 = new ArrayBufferWriter<byte>();
        var fromUtf8 = new ArrayBufferWriter<byte>();
        using var utf16Writer = new AnthropicEventWriter(fromUtf16);
        using var utf8Writer = new AnthropicEventWriter(fromUtf8);
        Span<char> chars = stackalloc char[2];
        Span<byte> bytes = stackalloc byte[4];
        for (var scalar = 0; scalar <= 0x10FFFF; scalar++)
        {
            if (!Rune.IsValid(scalar))
            {
                continue;
            }

            var rune = new Rune(scalar);
            utf16Writer.TextDelta(0, chars[..rune.EncodeToUtf16(chars)]);
            utf8Writer.TextDelta(0, bytes[..rune.EncodeToUtf8(bytes)]);
            if (fromUtf16.WrittenCount > 1 << 20)
            {
                Assert.True(fromUtf16.WrittenSpan.SequenceEqual(fromUtf8.WrittenSpan), $"differs at or before U+{scalar:X4}");
                fromUtf16.ResetWrittenCount();
                fromUtf8.ResetWrittenCount();
            }
        }

        Assert.True(fromUtf16.WrittenSpan.SequenceEqual(fromUtf8.WrittenSpan));
    }

    [Fact]
    public void Random_openai_streams_give_the_same_events_read_directly_as_through_documents()
    {
        FuzzRun.Check(Streams(OpenAIChunks), defaultIterations: 400, reads =>
        {
            var (direct, reference, _) = RunBoth(reads, OpenAI);
            Assert.Equal(reference, direct);
        }, Describe);
    }

    [Fact]
    public void Random_gemini_streams_give_the_same_events_read_directly_as_through_documents()
    {
        FuzzRun.Check(Streams(GeminiChunks), defaultIterations: 400, reads =>
        {
            var (direct, reference, _) = RunBoth(reads, Gemini);
            Assert.Equal(reference, direct);
        }, Describe);
    }

    [Fact]
    public void The_random_streams_take_the_direct_path_for_a_good_share_of_their_chunks()
    {
        var (openAITaken, openAITotal) = Coverage(OpenAIChunks, OpenAI);
        var (geminiTaken, geminiTotal) = Coverage(GeminiChunks, Gemini);

        // A statement about the generators, not the translators: a fuzz run that seldom reached the direct
        // path would prove little. (Many events are other shapes, or come after a broken chunk ended the stream.)
        Assert.True(openAITaken * 4 > openAITotal, $"OpenAI: {openAITaken} of {openAITotal}; Gemini: {geminiTaken} of {geminiTotal}");
        Assert.True(geminiTaken * 4 > geminiTotal, $"OpenAI: {openAITaken} of {openAITotal}; Gemini: {geminiTaken} of {geminiTotal}");
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonEscaping = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // ---- Driving ----

    private sealed record Outcome(byte[] Events, string Notes, AnthropicUsage? Usage, bool Finished)
    {
        public bool Equals(Outcome? other) =>
            other is not null && Events.AsSpan().SequenceEqual(other.Events) && Notes == other.Notes && Usage == other.Usage && Finished == other.Finished;

        public override int GetHashCode() => Events.Length;

        public override string ToString() => $"{Encoding.UTF8.GetString(Events)}\nnotes: {Notes}\nusage: {Usage}";
    }

    private delegate (AnthropicStreamTranslator Translator, List<string> Notes) CreateTranslator(IBufferWriter<byte> output, bool direct);

    private static readonly CreateTranslator OpenAI = (output, direct) =>
    {
        var context = new ChatResponseContext("claude-sonnet-4-5", ToolNameMap.ForOpenAI()) { MessageId = MessageId };
        return (new ChatStreamTranslator(output, context) { ReadsCommonChunksDirectly = direct }, context.Notes);
    };

    private static readonly CreateTranslator Gemini = (output, direct) =>
    {
        var context = new GeminiResponseContext("claude-sonnet-4-5", ToolNameMap.ForGemini(), new ThoughtSignatureCache(TimeProvider.System)) { MessageId = MessageId };
        return (new GeminiStreamTranslator(output, context) { ReadsCommonChunksDirectly = direct }, context.Notes);
    };

    private static (Outcome Direct, Outcome Reference, int DirectChunks) RunBoth(IReadOnlyList<byte[]> reads, CreateTranslator create)
    {
        var (direct, directChunks) = Run(reads, create, direct: true);
        var (reference, _) = Run(reads, create, direct: false);
        return (direct, reference, directChunks);
    }

    private static (Outcome Outcome, int DirectChunks) Run(IReadOnlyList<byte[]> reads, CreateTranslator create, bool direct)
    {
        var output = new ArrayBufferWriter<byte>();
        var (translator, notes) = create(output, direct);
        using (translator)
        using (var parser = new SseParser())
        {
            translator.Start();
            foreach (var read in reads)
            {
                if (translator.IsFinished)
                {
                    break;
                }

                parser.Feed(read, translator);
            }

            parser.Complete();
            translator.Complete();
        }

        var events = Encoding.UTF8.GetBytes(GeneratedIds.Normalize(Encoding.UTF8.GetString(output.WrittenSpan)));
        return (new Outcome(events, string.Join(" | ", notes), translator.Usage, translator.IsFinished), translator.ChunksReadDirectly);
    }

    private static (int Taken, int Total) Coverage(Gen<byte[]> chunks, CreateTranslator create)
    {
        var taken = 0;
        var total = 0;
        foreach (var (_, reads) in FuzzRun.Inputs(Streams(chunks), defaultIterations: 100, exactly: true))
        {
            taken += Run(reads, create, direct: true).DirectChunks;
            total += CountEvents(reads);
        }

        return (taken, total);
    }

    private static int CountEvents(IReadOnlyList<byte[]> reads)
    {
        var all = reads.SelectMany(r => r).ToArray().AsSpan();
        var count = 0;
        for (var at = all.IndexOf("data: "u8); at >= 0; at = all.IndexOf("data: "u8))
        {
            count++;
            all = all[(at + 6)..];
        }

        return count;
    }

    // ---- Generators ----

    /// <summary>A piece of a JSON string's raw text: mostly valid in every spelling, sometimes not (the document path must then decide).</summary>
    private static readonly Gen<byte[]> StringPiece = Gen.Frequency(
        (30, Gen.Int[0x20, 0x7E].Where(c => c is not ('"' or '\\')).Select(c => new[] { (byte)c })),
        (8, Pick("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t").Select(Ascii)),
        (8, Gen.Select(Gen.Int[0, 0xFFFF], Gen.Bool, (c, upper) => Ascii("\\u" + c.ToString(upper ? "X4" : "x4", CultureInfo.InvariantCulture)))),
        (1, Gen.Int[0xD800, 0xDFFF].Select(c => Ascii("\\u" + c.ToString("x4", CultureInfo.InvariantCulture)))),
        (6, Gen.Int[0x10000, 0x10FFFF].Select(c =>
        {
            var s = char.ConvertFromUtf32(c);
            return Ascii($"\\u{(int)s[0]:x4}\\u{(int)s[1]:X4}");
        })),
        (10, Gen.Int[0x80, 0x10FFFF].Where(Rune.IsValid).Select(c => Encoding.UTF8.GetBytes(char.ConvertFromUtf32(c)))),
        (6, Pick("é", "模型", "😀", "\u2028", "\u2029", "\uFEFF", "\uFFFD", "\u0378", "\uE000", "\uFFFF", "\u0085", "\u00A0", "\u200B", "<>&'+`", "\u007F")
            .Select(s => Encoding.UTF8.GetBytes(s))),
        (1, Pick<byte[]>([0xFF], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF0, 0x9F], [0x01], [0x0A])));

    private static readonly Gen<byte[]> StringValue = StringPiece.Array[0, 10].Select(pieces => Concat([.. pieces.Prepend("\""u8.ToArray()).Append("\""u8.ToArray())]));

    private static readonly Gen<byte[]> OpenAIChunks = Gen.Frequency(
        (30, StringValue.Select(v => Wrap("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":", v, "},\"finish_reason\":null}]}"))),
        (5, StringValue.Select(v => Wrap("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":", v, ",\"refusal\":null,\"tool_calls\":null,\"reasoning_content\":null}}],\"usage\":null}"))),
        (3, StringValue.Select(v => Wrap("{\"choices\":[{\"delta\":{\"content\":", v, "},\"finish_reason\":\"stop\"}]}"))),
        (2, StringValue.Select(v => Wrap("{\"choices\":[{\"finish_reason\":\"length\",\"index\":0,\"delta\":{\"content\":", v, "}}]}"))),
        (2, StringValue.Select(v => Wrap("{\"choices\":[{\"delta\":{\"con\\u0074ent\":", v, "}}]}"))),
        (2, StringValue.Select(v => Wrap("{\"choices\":[{\"delta\":{\"content\":\"first\",\"content\":", v, "}}]}"))),
        (2, StringValue.Select(v => Wrap("{\"choices\":[{\"delta\":{\"content\":", v, "}},{\"delta\":{\"content\":\"second choice\"}}],\"model\":\"m\",\"created\":1}"))),
        (3, StringValue.Select(v => Wrap("{\"choices\":[{\"delta\":{\"reasoning_content\":", v, "}}]}"))),
        (1, StringValue.Select(v => Wrap("{\"choices\":[{\"delta\":{\"reasoning\":", v, ",\"content\":null}}]}"))),
        (1, StringValue.Select(v => Wrap("{\"choices\":[{\"delta\":{\"refusal\":", v, "}}]}"))),
        (3, Gen.Int[0, 1].Select(i => Ascii($"{{\"choices\":[{{\"delta\":{{\"tool_calls\":[{{\"index\":{i},\"id\":\"call_{i}\",\"type\":\"function\",\"function\":{{\"name\":\"Bash\",\"arguments\":\"\"}}}}]}}}}]}}"))),
        (3, Gen.Select(Gen.Int[0, 1], Pick("{\\\"a\\\":", "1}", "{}", " "), (i, a) => Ascii($"{{\"choices\":[{{\"delta\":{{\"tool_calls\":[{{\"index\":{i},\"function\":{{\"arguments\":\"{a}\"}}}}]}}}}]}}"))),
        (1, Pick(
            "{\"choices\":[{\"delta\":{\"content\":null}}]}",
            "{\"choices\":[{\"delta\":{\"content\":5}}]}",
            "{\"choices\":[{\"delta\":null,\"finish_reason\":\"stop\"}]}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":4}}}",
            "{\"choices\":null}",
            "{\"choices\":[1]}",
            "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]} x",
            "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]",
            "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}",
            "{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"after a null error\"}}]}",
            "[1,2]",
            "not json",
            "[DONE]").Select(Ascii)));

    private static readonly Gen<byte[]> GeminiUsageJson = Gen.Select(Gen.Int[0, 50], Gen.Int[0, 50], Gen.Int[0, 5], (prompt, candidates, cached) => Ascii(
        $",\"usageMetadata\":{{\"promptTokenCount\":{prompt},\"candidatesTokenCount\":{candidates},\"cachedContentTokenCount\":{cached},"
        + $"\"totalTokenCount\":{prompt + candidates},\"promptTokensDetails\":[{{\"modality\":\"TEXT\",\"tokenCount\":{prompt}}}],\"thoughtsTokenCount\":1}}"));

    private static readonly Gen<byte[]> GeminiChunks = Gen.Frequency(
        (30, StringValue.Select(v => Wrap("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":", v, "}],\"role\":\"model\"},\"index\":0}],\"modelVersion\":\"gemini-2.5-pro\"}"))),
        (8, Gen.Select(StringValue, GeminiUsageJson, (v, u) => Concat(Ascii("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":"), v, Ascii("}],\"role\":\"model\"}}]"), u, Ascii("}")))),
        (3, StringValue.Select(v => Wrap("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":", v, ",\"thought\":true}]}}]}"))),
        (2, StringValue.Select(v => Wrap("{\"candidates\":[{\"content\":{\"parts\":[{\"thought\":false,\"text\":", v, "}]}}]}"))),
        (2, StringValue.Select(v => Wrap("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":", v, ",\"thoughtSignature\":\"c2lnbmF0dXJl\"}]}}]}"))),
        (2, StringValue.Select(v => Wrap("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":", v, "},{\"text\":\" and a second part\"}]}}]}"))),
        (2, StringValue.Select(v => Wrap("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":", v, "}]},\"finishReason\":\"STOP\"}]}"))),
        (1, StringValue.Select(v => Wrap("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":", v, "}]},\"finishReason\":null}],\"candidates\":[]}"))),
        (2, Gen.Const(Ascii("{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"Bash\",\"args\":{\"command\":\"ls\"}}}]}}]}"))),
        (1, Pick(
            "{\"candidates\":[{\"content\":{\"parts\":[]},\"finishReason\":\"MALFORMED_FUNCTION_CALL\",\"finishMessage\":\"bad call.\"}]}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]}}]}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":5}]}}]}",
            "{\"candidates\":[{\"content\":{\"parts\":\"x\"}}]}",
            "{\"candidates\":[{\"content\":null}]}",
            "{\"candidates\":[1]}",
            "{\"candidates\":[]}",
            "{\"usageMetadata\":{\"promptTokenCount\":5,\"promptTokenCount\":\"7\",\"candidatesTokenCount\":1.5}}",
            "{\"usageMetadata\":null}",
            "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
            "{\"error\":{\"code\":500,\"message\":\"boom\",\"status\":\"INTERNAL\"}}",
            "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]} x",
            "not json").Select(Ascii)));

    /// <summary>1 to 25 chunks as SSE events, cut into random reads.</summary>
    private static Gen<IReadOnlyList<byte[]>> Streams(Gen<byte[]> chunks) =>
        chunks.Array[1, 25].SelectMany(picked =>
        {
            var body = Concat([.. picked.Select(c => Concat("data: "u8.ToArray(), c, "\n\n"u8.ToArray()))]);
            return Gen.Int[0, body.Length].Array[0, 8].Select(cuts => (IReadOnlyList<byte[]>)Cut(body, cuts));
        });

    private static List<byte[]> Cut(byte[] body, int[] cuts)
    {
        var reads = new List<byte[]>();
        var start = 0;
        foreach (var cut in cuts.Distinct().Order().Append(body.Length))
        {
            reads.Add(body[start..cut]);
            start = cut;
        }

        return reads;
    }

    private static IReadOnlyList<byte[]> Sse(params string[] chunks) =>
        [Encoding.UTF8.GetBytes(string.Concat(chunks.Select(c => $"data: {c}\n\n")))];

    private static string OpenAIText(string jsonValue) => $"{{\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{jsonValue}}},\"finish_reason\":null}}]}}";

    private static string GeminiText(string jsonValue, bool usage = false) =>
        $"{{\"candidates\":[{{\"content\":{{\"parts\":[{{\"text\":{jsonValue}}}],\"role\":\"model\"}}}}]"
        + (usage ? ",\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":3}" : "") + "}";

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static byte[] Wrap(string before, byte[] value, string after) => Concat(Ascii(before), value, Ascii(after));

    private static byte[] Ascii(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static string Describe(IReadOnlyList<byte[]> reads) =>
        "reads: " + string.Join(" | ", reads.Select(r => SseBoundaryReference.Escape(r)));
}
