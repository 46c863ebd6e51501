using System.Text.Json.Nodes;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>Config files for tests, built as JSON so any field can be added.</summary>
public static class TestConfigs
{
    public static JsonObject Channel(string name, string serviceType, Uri baseUrl, params string[] keys) => new()
    {
        ["name"] = name,
        ["serviceType"] = serviceType,
        ["baseUrl"] = baseUrl.ToString().TrimEnd('/'),
        ["apiKeys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]),
    };

    public static JsonObject ClaudeChannel(Uri baseUrl, params string[] keys) => Channel("anthropic", "claude", baseUrl, keys);

    public static string Config(params JsonObject[] channels) => new JsonObject
    {
        ["upstream"] = new JsonArray([.. channels]),
        ["loadBalance"] = "failover",
    }.ToJsonString();
}
