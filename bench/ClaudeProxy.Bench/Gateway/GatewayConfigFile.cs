using System.Text.Json.Nodes;

namespace ClaudeProxy.Bench.Gateway;

/// <summary>
/// The gateway's config for a run: one channel per scenario, all pointing at the mock, told apart by
/// the model name (<c>models</c> patterns). The paced channels reach the mock's <c>/paced/</c> paths.
/// </summary>
internal static class GatewayConfigFile
{
    public const string ClaudeModel = "bench-claude";
    public const string OpenAIModel = "bench-openai";
    public const string OpenAIPacedModel = "paced-openai";
    public const string GeminiModel = "bench-gemini";
    public const string GeminiPacedModel = "paced-gemini";

    public static void Write(string path, Uri mock)
    {
        var root = mock.GetLeftPart(UriPartial.Authority);
        var config = new JsonObject
        {
            ["upstream"] = new JsonArray(
                Channel("bench-claude", "claude", root, "sk-ant-api03-bench", ClaudeModel),
                Channel("bench-openai", "openai", root, "sk-bench-openai", OpenAIModel),
                Channel("bench-openai-paced", "openai", root + "/paced", "sk-bench-openai", OpenAIPacedModel),
                Channel("bench-gemini", "gemini", root, "bench-gemini-key", GeminiModel),
                Channel("bench-gemini-paced", "gemini", root + "/paced", "bench-gemini-key", GeminiPacedModel)),
            ["loadBalance"] = "failover",
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Channel(string name, string serviceType, string baseUrl, string key, string model) => new()
    {
        ["id"] = name,
        ["name"] = name,
        ["serviceType"] = serviceType,
        ["baseUrl"] = baseUrl,
        ["apiKeys"] = new JsonArray(key),
        ["models"] = new JsonArray(model + "*"),
    };
}
