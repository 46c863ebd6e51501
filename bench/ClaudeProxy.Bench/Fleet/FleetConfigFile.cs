using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Mock;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// The config every gateway of the fleet scenario starts from (one file, since the fleet shares it over
/// Redis anyway): scenario b's channel, plus a channel whose first key the mock refuses with 429 and a
/// channel with <c>maxConcurrency: 1</c> on the mock's slow path, each chosen by model name.
/// </summary>
internal static class FleetConfigFile
{
    public const string RestChannel = "fleet-rest";
    public const string RestModel = "fleet-rest";
    // Plainly not real keys; the channels send them as x-api-key, as a real Anthropic key would go.
    public const string RefusedKey = "bench-fleet-key-" + FleetUpstream.RefusedMarker;
    public const string GoodKey = "bench-fleet-key-good";

    public const string CappedChannel = "fleet-capped";
    public const string CappedModel = "fleet-capped";

    /// <summary>The capped channel's keys, each at most one request at a time.</summary>
    public static readonly IReadOnlyList<string> CappedKeys = ["bench-fleet-key-cap-1", "bench-fleet-key-cap-2"];

    public static void Write(string path, Uri mock)
    {
        var root = mock.GetLeftPart(UriPartial.Authority);
        var config = new JsonObject
        {
            ["upstream"] = new JsonArray(
                Channel("bench-claude", root, ["sk-ant-api03-bench"], GatewayConfigFile.ClaudeModel),
                Channel(RestChannel, root + FleetUpstream.Prefix, [RefusedKey, GoodKey], RestModel),
                Channel(CappedChannel, root + FleetUpstream.SlowPrefix, CappedKeys, CappedModel, maxConcurrency: 1)),
            ["loadBalance"] = "failover",
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Channel(string id, string baseUrl, IReadOnlyList<string> keys, string model, int? maxConcurrency = null)
    {
        var channel = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["serviceType"] = "claude",
            ["authStyle"] = "x-api-key",
            ["baseUrl"] = baseUrl,
            ["apiKeys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]),
            ["models"] = new JsonArray(model + "*"),
        };
        if (maxConcurrency is { } cap)
        {
            channel["maxConcurrency"] = cap;
        }

        return channel;
    }
}
