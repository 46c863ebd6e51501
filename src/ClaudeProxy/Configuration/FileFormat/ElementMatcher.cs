using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>
/// Pairs the elements of an edited array with those it was edited from, so each one the edit kept keeps its
/// text: objects by their <c>"id"</c>; then any element by equal value, in order; then, for an element edited
/// in place, by position (unless the two name different ids: one channel removed, another added).
/// </summary>
internal static class ElementMatcher
{
    /// <returns>For each element of <paramref name="after"/>, the index in <paramref name="before"/> of the element it continues, or -1 for a new one.</returns>
    public static int[] Match(JsonArray before, JsonArray after)
    {
        var match = new int[after.Count];
        Array.Fill(match, -1);
        var used = new bool[before.Count];

        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = before.Count - 1; k >= 0; k--)
        {
            if (IdOf(before[k]) is { } id)
            {
                byId[id] = k;
            }
        }

        for (var j = 0; j < after.Count; j++)
        {
            if (IdOf(after[j]) is { } id && byId.TryGetValue(id, out var k) && !used[k])
            {
                (match[j], used[k]) = (k, true);
            }
        }

        for (var j = 0; j < after.Count; j++)
        {
            for (var k = 0; k < before.Count && match[j] < 0; k++)
            {
                if (!used[k] && JsonSemantics.Same(before[k], after[j]))
                {
                    (match[j], used[k]) = (k, true);
                }
            }
        }

        for (var j = 0; j < after.Count && j < before.Count; j++)
        {
            if (match[j] < 0 && !used[j] && !(IdOf(before[j]) is { } was && IdOf(after[j]) is { } now && was != now))
            {
                (match[j], used[j]) = (j, true);
            }
        }

        return match;
    }

    private static string? IdOf(JsonNode? node) =>
        node is JsonObject o && o.TryGetPropertyValue("id", out var id) && id?.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : null;
}
