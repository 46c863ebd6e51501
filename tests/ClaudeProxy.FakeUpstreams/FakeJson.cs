using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>Serializes fake payloads the way real upstreams do: compact, non-ASCII text left as UTF-8.</summary>
internal static class FakeJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);
}
