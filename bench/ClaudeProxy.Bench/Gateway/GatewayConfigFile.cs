using System.Text.Json.Nodes;

namespace ClaudeProxy.Bench.Gateway;

/// <summary>
/// The gateway's config for a run: one channel per scenario, all pointing at the mock, told apart by
/// the model name (<c>models</c> patterns). The paced channels reach the mock's <c>/paced/</c> paths.
/// The cache scenario gets its own config instead (<see cref="WriteKeyPools"/>).
/// </summary>
internal static class GatewayConfigFile
{
    public const string ClaudeModel = "bench-claude";
    public const string OpenAIModel = "bench-openai";
    public const string OpenAIPacedModel = "paced-openai";
    public const string GeminiModel = "bench-gemini";
    public const string GeminiPacedModel = "paced-gemini";
    public const string CacheClaudeModel = "cache-claude";
    public const string CacheOpenAIModel = "cache-openai";

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
        Save(path, config);
    }

    /// <summary>
    /// The cache scenario's config: a <c>claude</c> and an <c>openai</c> channel, each with a pool of
    /// <paramref name="keys"/> keys (<see cref="PoolKeys"/>) on the mock's caching paths, and
    /// <paramref name="loadBalance"/> as the global key strategy.
    /// </summary>
    public static void WriteKeyPools(string path, Uri mock, string loadBalance, int keys)
    {
        var cached = mock.GetLeftPart(UriPartial.Authority) + Mock.CachingUpstream.Prefix;
        var config = new JsonObject
        {
            ["upstream"] = new JsonArray(
                Channel("cache-claude", "claude", cached, PoolKeys("claude", keys), CacheClaudeModel),
                Channel("cache-openai", "openai", cached, PoolKeys("openai", keys), CacheOpenAIModel)),
            ["loadBalance"] = loadBalance,
        };
        Save(path, config);
    }

    /// <summary>The keys of a cache scenario channel, in config order (<c>sk-ant-api…</c> keys go out as <c>x-api-key</c>).</summary>
    public static string[] PoolKeys(string serviceType, int count) =>
        [.. Enumerable.Range(1, count).Select(i => serviceType == "claude" ? $"sk-ant-api03-bench-cache-{i}" : $"sk-bench-cache-openai-{i}")];

    private static void Save(string path, JsonObject config)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Channel(string name, string serviceType, string baseUrl, string key, string model) =>
        Channel(name, serviceType, baseUrl, [key], model);

    private static JsonObject Channel(string name, string serviceType, string baseUrl, string[] keys, string model) => new()
    {
        ["id"] = name,
        ["name"] = name,
        ["serviceType"] = serviceType,
        ["baseUrl"] = baseUrl,
        ["apiKeys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]),
        ["models"] = new JsonArray(model + "*"),
    };
}
