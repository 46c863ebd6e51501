using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Mock;
using ClaudeProxy.Bench.Payloads;

namespace ClaudeProxy.Bench.Translators;

/// <summary>The translator benchmarks' inputs: the load benchmark's request bodies and the mock's answers.</summary>
internal sealed class TranslatorInputs
{
    private TranslatorInputs(byte[] small, byte[] large, byte[] geminiRequest, MockPayloads mock)
    {
        Small = small;
        Large = large;
        GeminiRequest = geminiRequest;
        Mock = mock;
        OpenAIStreamEvents = CountEvents(mock.OpenAIStream);
        GeminiStreamEvents = CountEvents(mock.GeminiStream);
    }

    public byte[] Small { get; }

    public byte[] Large { get; }

    public byte[] GeminiRequest { get; }

    public MockPayloads Mock { get; }

    public int OpenAIStreamEvents { get; }

    public int GeminiStreamEvents { get; }

    public static TranslatorInputs Create() => new(
        SmallRequest.Build(GatewayConfigFile.ClaudeModel),
        ClaudeCodeRequest.Build(GatewayConfigFile.OpenAIModel, stream: false),
        ClaudeCodeRequest.Build(GatewayConfigFile.GeminiModel, stream: true),
        MockPayloads.Create());

    private static int CountEvents(ReadOnlySpan<byte> stream)
    {
        var count = 0;
        for (var at = stream.IndexOf("data:"u8); at >= 0; at = stream.IndexOf("data:"u8))
        {
            count++;
            stream = stream[(at + 5)..];
        }

        return count;
    }
}
