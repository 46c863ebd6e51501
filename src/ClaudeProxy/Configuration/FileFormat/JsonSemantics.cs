using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>
/// Whether two JSON values mean the same to the config: objects regardless of property order, numbers by
/// value (<c>1.0</c> is <c>1</c>), and timestamps by the instant they name (see <see cref="IsoInstant"/>).
/// A missing node is JSON <c>null</c>.
/// </summary>
internal static class JsonSemantics
{
    public static bool Same(JsonNode? x, JsonNode? y) => (x, y) switch
    {
        (JsonObject a, JsonObject b) => SameObject(a, b),
        (JsonArray a, JsonArray b) => SameArray(a, b),
        (JsonObject or JsonArray, _) or (_, JsonObject or JsonArray) => false,
        _ => SameValue(x, y),
    };

    private static bool SameObject(JsonObject a, JsonObject b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (name, value) in a)
        {
            if (!b.TryGetPropertyValue(name, out var other) || !Same(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameArray(JsonArray a, JsonArray b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!Same(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameValue(JsonNode? x, JsonNode? y)
    {
        var kind = KindOf(x);
        if (kind != KindOf(y))
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => SameString(x!.GetValue<string>(), y!.GetValue<string>()),
            JsonValueKind.Number => SameNumber(x!.ToJsonString(), y!.ToJsonString()),
            _ => true,
        };
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool SameString(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal)
        || (IsoInstant.TryParse(a, out var first) && IsoInstant.TryParse(b, out var second) && first == second);

    private static bool SameNumber(string a, string b)
    {
        const NumberStyles Style = NumberStyles.Float;
        var culture = CultureInfo.InvariantCulture;
        if (decimal.TryParse(a, Style, culture, out var x) && decimal.TryParse(b, Style, culture, out var y))
        {
            return x == y;
        }

        // Beyond decimal's range: as doubles, which is how such a number is read anyway.
        return double.TryParse(a, Style, culture, out var p) && double.TryParse(b, Style, culture, out var q) ? p.Equals(q) : string.Equals(a, b, StringComparison.Ordinal);
    }
}
