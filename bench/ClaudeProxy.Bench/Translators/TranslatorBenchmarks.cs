using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Measure;
using ClaudeProxy.Bench.Payloads;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Protocols.Translation.OpenAIChat;

namespace ClaudeProxy.Bench.Translators;

/// <summary>
/// The pure translation steps of scenarios b–e, one operation each: a whole request body mapped, or a
/// whole upstream stream (parsed and translated) turned into Anthropic events. The inputs are the
/// load benchmark's own payloads, so these figures explain its numbers without its noise.
/// </summary>
[MemoryDiagnoser]
public class TranslatorBenchmarks
{
    private byte[] _small = [];
    private byte[] _large = [];
    private byte[] _gemini = [];
    private byte[] _openAIMessage = [];
    private byte[] _openAIStream = [];
    private byte[] _geminiStream = [];
    private ChatRequestOptions _openAIOptions = null!;
    private GeminiRequestOptions _geminiOptions = null!;
    private ToolNameMap _openAIToolNames = null!;
    private ToolNameMap _geminiToolNames = null!;
    private ArrayBufferWriter<byte> _output = null!;

    /// <summary>The inputs, with the figures a throughput needs.</summary>
    internal static TranslatorInputs Inputs { get; } = TranslatorInputs.Create();

    [GlobalSetup]
    public void Setup()
    {
        var inputs = Inputs;
        _small = inputs.Small;
        _large = inputs.Large;
        _gemini = inputs.GeminiRequest;
        _openAIMessage = inputs.Mock.OpenAIMessage;
        _openAIStream = inputs.Mock.OpenAIStream;
        _geminiStream = inputs.Mock.GeminiStream;
        _openAIOptions = PayloadSet.OpenAIOptions(GatewayConfigFile.OpenAIModel);
        _geminiOptions = PayloadSet.GeminiOptions(GatewayConfigFile.GeminiModel);
        _openAIToolNames = ChatRequestMapper.Map(_large, _openAIOptions).ToolNames;
        _geminiToolNames = GeminiRequestMapper.Map(_gemini, _geminiOptions).ToolNames;
        _output = new ArrayBufferWriter<byte>(64 * 1024);
    }

    [Benchmark(Description = TranslatorSteps.PassthroughPeek)]
    public bool PassthroughPeek() => MessageRequestPeek.TryRead(_small, out _) is not null;

    [Benchmark(Description = TranslatorSteps.LargePeek)]
    public bool LargePeek() => MessageRequestPeek.TryRead(_large, out _) is not null;

    /// <summary>What any forward pass over the large body pays before doing anything: every token read (strings validated), nothing kept.</summary>
    [Benchmark(Description = TranslatorSteps.LargeReaderFloor)]
    public int LargeReaderFloor()
    {
        var reader = new Utf8JsonReader(_large);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = TranslatorSteps.OpenAIRequest)]
    public int OpenAIRequest()
    {
        using var mapping = ChatRequestMapper.Map(_large, _openAIOptions);
        return mapping.Body.Length;
    }

    [Benchmark(Description = TranslatorSteps.GeminiRequest)]
    public int GeminiRequest()
    {
        using var mapping = GeminiRequestMapper.Map(_gemini, _geminiOptions);
        return mapping.Body.Length;
    }

    [Benchmark(Description = TranslatorSteps.OpenAIResponse)]
    public int OpenAIResponse() =>
        ChatResponseMapper.Map(_openAIMessage, new ChatResponseContext(GatewayConfigFile.OpenAIModel, _openAIToolNames)).Length;

    [Benchmark(Description = TranslatorSteps.OpenAIStream)]
    public int OpenAIStream()
    {
        _output.ResetWrittenCount();
        using var translator = new ChatStreamTranslator(_output, new ChatResponseContext(GatewayConfigFile.OpenAIModel, _openAIToolNames));
        TranslationSteps.Feed(_openAIStream, translator);
        return _output.WrittenCount;
    }

    [Benchmark(Description = TranslatorSteps.GeminiStream)]
    public int GeminiStream()
    {
        _output.ResetWrittenCount();
        using var translator = new GeminiStreamTranslator(_output, new GeminiResponseContext(GatewayConfigFile.GeminiModel, _geminiToolNames));
        TranslationSteps.Feed(_geminiStream, translator);
        return _output.WrittenCount;
    }
}
