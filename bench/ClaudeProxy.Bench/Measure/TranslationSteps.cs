using System.Buffers;
using System.Diagnostics;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Mock;
using ClaudeProxy.Bench.Payloads;
using ClaudeProxy.Protocols.Sse;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Protocols.Translation.OpenAIChat;

namespace ClaudeProxy.Bench.Measure;

/// <summary>Bytes one translation step allocates per operation (a request, or a whole stream), and its median time on one thread.</summary>
internal sealed record TranslationStepCost(string Step, long InputBytes, double BytesPerOperation, double MedianMicroseconds)
{
    public TranslationStepCost(string step, long inputBytes, (double Bytes, double MedianMicroseconds) measured)
        : this(step, inputBytes, measured.Bytes, measured.MedianMicroseconds)
    {
    }
}

/// <summary>
/// The translation steps alone, run in this process on this thread and measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> (exact: the steps are synchronous) and a
/// stopwatch. A breakdown of the whole-gateway figures, which add Kestrel, HttpClient, routing and
/// logging. This process runs on the JIT.
/// </summary>
internal static class TranslationSteps
{
    private const int ReadSize = 16 * 1024;

    public static IReadOnlyList<TranslationStepCost> Measure(PayloadSet payloads)
    {
        var mock = MockPayloads.Create();
        var large = payloads.Bytes(PayloadSet.Large);
        var openAIOptions = PayloadSet.OpenAIOptions(GatewayConfigFile.OpenAIModel);
        var toolNames = ChatRequestMapper.Map(large, openAIOptions).ToolNames;
        var gemini = payloads.Bytes(PayloadSet.GeminiStream);
        var geminiOptions = PayloadSet.GeminiOptions(GatewayConfigFile.GeminiModel);
        var geminiToolNames = GeminiRequestMapper.Map(gemini, geminiOptions).ToolNames;
        return
        [
            new("OpenAI request mapping (c, d)", large.Length, PerOperation(() => ChatRequestMapper.Map(large, openAIOptions).Dispose())),
            new("OpenAI response mapping (c)", mock.OpenAIMessage.Length,
                PerOperation(() => ChatResponseMapper.Map(mock.OpenAIMessage, new ChatResponseContext(GatewayConfigFile.OpenAIModel, toolNames)))),
            new("OpenAI stream translation, whole stream (d)", mock.OpenAIStream.Length, PerOperation(() =>
            {
                using var translator = new ChatStreamTranslator(new ArrayBufferWriter<byte>(4096), new ChatResponseContext(GatewayConfigFile.OpenAIModel, toolNames));
                Feed(mock.OpenAIStream, translator);
            })),
            new("Gemini request mapping (e)", gemini.Length, PerOperation(() => GeminiRequestMapper.Map(gemini, geminiOptions).Dispose())),
            new("Gemini stream translation, whole stream (e)", mock.GeminiStream.Length, PerOperation(() =>
            {
                using var translator = new GeminiStreamTranslator(new ArrayBufferWriter<byte>(4096), new GeminiResponseContext(GatewayConfigFile.GeminiModel, geminiToolNames));
                Feed(mock.GeminiStream, translator);
            })),
        ];
    }

    /// <summary>Feeds a whole upstream stream to a translator in reads of the adapter's size, as the gateway does.</summary>
    internal static void Feed(byte[] stream, IAnthropicStreamTranslator translator)
    {
        using var parser = new SseParser();
        translator.Start();
        for (var offset = 0; offset < stream.Length; offset += ReadSize)
        {
            parser.Feed(stream.AsSpan(offset, Math.Min(ReadSize, stream.Length - offset)), translator);
        }

        parser.Complete();
        translator.Complete();
    }

    private static (double Bytes, double MedianMicroseconds) PerOperation(Action operation, int iterations = 50)
    {
        // Enough warm-up runs for tiered compilation to reach its optimized code.
        for (var i = 0; i < 200; i++)
        {
            operation();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            operation();
        }

        var bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / iterations;
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            operation();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(times);
        return (bytes, times[iterations / 2]);
    }
}
