using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClaudeProxy.Protocols.Translation;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>
/// What every translated Gemini request must satisfy whatever the fixture expects:
/// roles user/model only; no empty turn and no part without exactly one data field (no empty
/// text); every function-call turn answered by exactly as many responses, with the calls' names;
/// function names in Gemini's alphabet that map back to a declared tool; schemas free of the keys
/// Gemini rejects, arrays with items, no type arrays, every declared property still there.
/// </summary>
internal static partial class GeminiRequestRules
{
    private static readonly HashSet<string?> Roles = ["user", "model"];

    private static readonly HashSet<string> DataFields = ["text", "inlineData", "fileData", "functionCall", "functionResponse"];

    private static readonly HashSet<string> SchemaKeys =
    [
        "type", "format", "title", "description", "nullable", "enum", "items", "properties", "required", "anyOf",
        "default", "example", "minItems", "maxItems", "minLength", "maxLength", "pattern", "minimum", "maximum",
        "minProperties", "maxProperties",
    ];

    public static void Check(JsonObject client, JsonObject body, ToolNameMap toolNames)
    {
        var contents = Assert.IsType<JsonArray>(body["contents"]);
        for (var i = 0; i < contents.Count; i++)
        {
            var content = Assert.IsType<JsonObject>(contents[i]);
            Assert.Contains((string?)content["role"], Roles);
            var parts = Assert.IsType<JsonArray>(content["parts"]);
            Assert.NotEmpty(parts);
            foreach (var part in parts.Select(p => Assert.IsType<JsonObject>(p)))
            {
                var data = part.Select(p => p.Key).Where(DataFields.Contains).ToList();
                Assert.True(data.Count == 1, $"contents[{i}]: a part with {data.Count} data fields: {part.ToJsonString()}");
                if (part["text"] is { } text)
                {
                    Assert.False(string.IsNullOrWhiteSpace((string?)text), $"contents[{i}]: an empty text part");
                }
            }

            if (i > 0 && (string?)contents[i - 1]!["role"] == (string?)content["role"])
            {
                Assert.Fail($"contents[{i}]: two {(string?)content["role"]} turns in a row");
            }

            var calls = Calls(content);
            if (calls.Count > 0 && i + 1 < contents.Count)
            {
                var responses = ((JsonArray)contents[i + 1]!["parts"]!).Select(p => p!["functionResponse"]).OfType<JsonObject>().Select(r => (string?)r["name"]).ToList();
                Assert.True(calls.SequenceEqual(responses), $"contents[{i}] calls [{string.Join(", ", calls)}] answered by [{string.Join(", ", responses)}]");
            }
        }

        var declared = (client["tools"] as JsonArray ?? []).Select(t => (string?)t!["name"]).ToHashSet();
        foreach (var declaration in (body["tools"] as JsonArray ?? []).SelectMany(t => (JsonArray)t!["functionDeclarations"]!).Select(d => d!.AsObject()))
        {
            var name = (string)declaration["name"]!;
            Assert.Matches(FunctionName(), name);
            var original = toolNames.ToOriginal(name);
            Assert.Contains(original, declared);
            if (declaration["parameters"] is JsonObject parameters)
            {
                Assert.Equal("object", (string?)parameters["type"]);
                CheckSchema(parameters, $"{original}.parameters");
                var clientSchema = (client["tools"] as JsonArray)!.First(t => (string?)t!["name"] == original)!["input_schema"];
                AssertPropertiesKept(clientSchema as JsonObject, parameters, original);
            }
        }
    }

    private static List<string?> Calls(JsonObject content) =>
        (string?)content["role"] == "model"
            ? [.. ((JsonArray)content["parts"]!).Select(p => p!["functionCall"]).OfType<JsonObject>().Select(c => (string?)c["name"])]
            : [];

    private static void CheckSchema(JsonObject schema, string path)
    {
        foreach (var (key, value) in schema)
        {
            Assert.True(SchemaKeys.Contains(key), $"{path}: key '{key}' is not in Gemini's Schema");
            switch (key)
            {
                case "type":
                    Assert.IsType<JsonValue>(value, exactMatch: false);
                    break;
                case "properties":
                    Assert.NotEmpty(Assert.IsType<JsonObject>(value));
                    foreach (var (name, property) in value!.AsObject())
                    {
                        CheckSchema(Assert.IsType<JsonObject>(property), $"{path}.properties[{name}]");
                    }

                    break;
                case "items":
                    CheckSchema(Assert.IsType<JsonObject>(value), $"{path}.items");
                    break;
                case "anyOf":
                    foreach (var variant in Assert.IsType<JsonArray>(value))
                    {
                        CheckSchema(Assert.IsType<JsonObject>(variant), $"{path}.anyOf");
                    }

                    break;
            }
        }

        if ((string?)schema["type"] == "array")
        {
            Assert.True(schema.ContainsKey("items"), $"{path}: an array without items");
        }
    }

    /// <summary>Every property the client declared on an object is still there, under the same name, however it is spelled.</summary>
    private static void AssertPropertiesKept(JsonObject? client, JsonObject sanitized, string path)
    {
        // Properties on a string or an array are not Gemini's to take (and mean nothing in JSON Schema either).
        var type = client?["type"] is JsonValue value ? ((string?)value)?.ToLowerInvariant() : null;
        if (client?["properties"] is not JsonObject properties || properties.Count == 0 || type is not (null or "object"))
        {
            return;
        }

        var kept = Assert.IsType<JsonObject>(sanitized["properties"]);
        foreach (var (name, property) in properties)
        {
            Assert.True(kept.ContainsKey(name), $"{path}: property '{name}' was dropped or renamed");
            if (property is JsonObject nested && kept[name] is JsonObject keptNested && !nested.ContainsKey("$ref"))
            {
                AssertPropertiesKept(nested, keptNested, $"{path}.{name}");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$")]
    private static partial Regex FunctionName();
}
