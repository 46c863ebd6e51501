using System.Text.Json.Nodes;

namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>
/// Writes a changed config over the file it came from, changing only what changed: a file written by
/// claude-proxy (or by hand) keeps its order, spacing, escapes, number spelling, comments and unknown fields,
/// so a write that changes nothing gives back the same bytes, and one that does shows as a small diff.
/// </summary>
public static class ConfigFileRenderer
{
    /// <param name="original">The file's bytes.</param>
    /// <param name="before">What the file means: the config it was read into, serialized.</param>
    /// <param name="after">The config to write, serialized the same way.</param>
    /// <returns>
    /// <paramref name="original"/> with the difference from <paramref name="before"/> to <paramref name="after"/>
    /// applied; <paramref name="after"/> written plainly (indented, non-ASCII readable) when there is no file to
    /// keep (see <see cref="TryRender"/>).
    /// </returns>
    public static byte[] Render(ReadOnlySpan<byte> original, JsonNode? before, JsonNode after) =>
        TryRender(original, before, after, out var rendered) ? rendered : Plain(after);

    /// <summary>
    /// Like <see cref="Render"/>, but false when there is no file to keep: it is empty, not JSON or not an
    /// object, or nothing says what it means (<paramref name="before"/> null).
    /// </summary>
    public static bool TryRender(ReadOnlySpan<byte> original, JsonNode? before, JsonNode after, out byte[] rendered)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is JsonObject beforeObject && after is JsonObject afterObject && SourceParser.Parse(original) is SourceObject root)
        {
            rendered = new DiffWriter(original.ToArray(), FileStyle.Of(original)).Document(root, beforeObject, afterObject);
            return true;
        }

        rendered = [];
        return false;
    }

    private static byte[] Plain(JsonNode after) => [.. FreshJson.Value(after, FileStyle.Default, FreshLayout.Indented, indent: ""), (byte)'\n'];
}
