using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Protocols.Translation.OpenAIChat;

namespace ClaudeProxy.Bench.Payloads;

/// <summary>
/// Every request body of a run, generated once and written to disk for wrk. The direct-to-mock
/// bodies are what the gateway itself sends upstream (the same mappers, the same options as a
/// default channel), so the floor measures the same upstream work the gateway waits for.
/// </summary>
internal sealed class PayloadSet
{
    private readonly Dictionary<string, (byte[] Bytes, string File)> _bodies = new(StringComparer.Ordinal);

    private PayloadSet()
    {
    }

    public const string Small = "small";
    public const string Large = "large";
    public const string LargeStream = "large-stream";
    public const string LargePaced = "large-paced";
    public const string GeminiStream = "gemini-stream";
    public const string GeminiPaced = "gemini-paced";
    public const string UpstreamOpenAI = "upstream-openai";
    public const string UpstreamOpenAIStream = "upstream-openai-stream";
    public const string UpstreamGeminiStream = "upstream-gemini-stream";

    public static ChatRequestOptions OpenAIOptions(string model) => new()
    {
        Model = model,
        UseMaxCompletionTokens = true,
        Reasoning = ReasoningStyle.None,
        SystemMessagesInPlace = false,
        ForwardUserId = true,
    };

    public static GeminiRequestOptions GeminiOptions(string model) => new()
    {
        Model = model,
        Reasoning = ReasoningStyle.None,
        Signatures = new ThoughtSignatureCache(TimeProvider.System),
    };

    public static PayloadSet Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var set = new PayloadSet();
        set.Add(directory, Small, SmallRequest.Build(GatewayConfigFile.ClaudeModel));
        set.Add(directory, Large, ClaudeCodeRequest.Build(GatewayConfigFile.OpenAIModel, stream: false));
        set.Add(directory, LargeStream, ClaudeCodeRequest.Build(GatewayConfigFile.OpenAIModel, stream: true));
        set.Add(directory, LargePaced, ClaudeCodeRequest.Build(GatewayConfigFile.OpenAIPacedModel, stream: true));
        set.Add(directory, GeminiStream, ClaudeCodeRequest.Build(GatewayConfigFile.GeminiModel, stream: true));
        set.Add(directory, GeminiPaced, ClaudeCodeRequest.Build(GatewayConfigFile.GeminiPacedModel, stream: true));
        set.Add(directory, UpstreamOpenAI, ChatRequestMapper.Map(set.Bytes(Large), OpenAIOptions(GatewayConfigFile.OpenAIModel)).Body.ToArray());
        set.Add(directory, UpstreamOpenAIStream, ChatRequestMapper.Map(set.Bytes(LargeStream), OpenAIOptions(GatewayConfigFile.OpenAIModel)).Body.ToArray());
        set.Add(directory, UpstreamGeminiStream, GeminiRequestMapper.Map(set.Bytes(GeminiStream), GeminiOptions(GatewayConfigFile.GeminiModel)).Body.ToArray());
        return set;
    }

    public byte[] Bytes(string name) => _bodies[name].Bytes;

    public string File(string name) => _bodies[name].File;

    private void Add(string directory, string name, byte[] body)
    {
        var path = Path.Combine(directory, name + ".json");
        System.IO.File.WriteAllBytes(path, body);
        _bodies[name] = (body, path);
    }
}
