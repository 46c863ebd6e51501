using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>Compares two JSON trees (object property order ignored, array order kept, numbers by value) and names the first difference by its path.</summary>
internal static class JsonDifference
{
    public static string? Find(JsonNode? expected, JsonNode? actual) => Find(expected, actual, "$");

    private static string? Find(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, actual {Show(actual)}";
        }

        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.TryGetPropertyValue(key, out var other))
                    {
                        return $"{path}.{key}: missing (expected {Show(value)})";
                    }

                    if (Find(value, other, $"{path}.{key}") is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = a.Select(p => p.Key).FirstOrDefault(k => !e.ContainsKey(k));
                return extra is null ? null : $"{path}.{extra}: unexpected (actual {Show(a[extra])})";
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    if (Find(e[i], a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return e.Count == a.Count ? null : $"{path}: expected {e.Count} items, actual {a.Count}";
            case (JsonValue e, JsonValue a):
                return SameValue(e, a) ? null : $"{path}: expected {Show(e)}, actual {Show(a)}";
            default:
                return $"{path}: expected {Show(expected)}, actual {Show(actual)}";
        }
    }

    private static bool SameValue(JsonValue expected, JsonValue actual)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => expected.GetValue<string>() == actual.GetValue<string>(),
            JsonValueKind.Number => decimal.Parse(expected.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                == decimal.Parse(actual.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => true,
        };
    }

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
}
