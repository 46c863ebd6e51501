namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>
/// How one object or array of a file lays out its items, so an item it gains looks like those it has.
/// <paramref name="Whitespace"/> follows each comma between items (e.g. a line break and the items'
/// indentation, or nothing); <paramref name="Closing"/> goes before the closing bracket of a container that
/// had no items; <paramref name="Colon"/> separates a new key from its value. <paramref name="Compact"/>: the
/// items share one line. <paramref name="CompactValues"/>: a new object or array value is written on one line
/// (the container is compact, or so are the objects and arrays it holds).
/// </summary>
internal sealed record ContainerStyle(string Whitespace, string Closing, string Colon, bool Compact, bool CompactValues)
{
    /// <summary>The indentation of an item on a line of its own.</summary>
    public string Indent => Whitespace[(Whitespace.LastIndexOf('\n') + 1)..];

    public string Separator => "," + Whitespace;

    /// <summary>How a new object or array value is laid out here: like the container's own items.</summary>
    public FreshLayout Layout => !CompactValues ? FreshLayout.Indented : Colon.Contains(' ', StringComparison.Ordinal) ? FreshLayout.OneLineSpaced : FreshLayout.OneLine;

    public static ContainerStyle Of(ReadOnlySpan<byte> text, SourceContainer container, ContainerStyle? parent, FileStyle file)
    {
        var lineIndent = LineText.IndentAt(text, container.Start);
        var whitespace = container.Count switch
        {
            > 1 => LineText.TrailingWhitespace(text[container.ItemEnd(0)..container.ItemStart(1)]),
            1 => LineText.TrailingWhitespace(text[(container.Start + 1)..container.ItemStart(0)]),
            // Nothing to copy: one step deeper than the line the container opens on, or on one line within a one-line parent.
            _ => (parent?.CompactValues ?? !text[container.Start..container.End].Contains((byte)'\n')) ? "" : file.NewLine + lineIndent + file.IndentUnit,
        };
        if (container.Count < 2 && whitespace.Length == 0 && parent is { Compact: true })
        {
            // No comma to learn from: a one-line parent's spacing (", " or ",") is the best guess.
            whitespace = parent.Whitespace;
        }

        var compact = !whitespace.Contains('\n', StringComparison.Ordinal);
        return new ContainerStyle(
            whitespace,
            compact ? "" : file.NewLine + lineIndent,
            ColonOf(text, container) ?? parent?.Colon ?? (compact ? ":" : ": "),
            compact,
            compact || HoldsOneLineValues(text, container));
    }

    /// <summary>The colon of the object's first property, or of an array's first object with properties: null when there is none to copy.</summary>
    private static string? ColonOf(ReadOnlySpan<byte> text, SourceContainer container)
    {
        if (container is SourceObject { Count: > 0 } source)
        {
            return LineText.Colon(text[source.Properties[0].NameEnd..source.Properties[0].Value.Start]);
        }

        for (var i = 0; i < container.Count && container is SourceArray; i++)
        {
            if (container.ItemValue(i) is SourceObject { Count: > 0 } item)
            {
                return ColonOf(text, item);
            }
        }

        return null;
    }

    /// <summary>Whether the first object or array with items that the container holds sits on one line.</summary>
    private static bool HoldsOneLineValues(ReadOnlySpan<byte> text, SourceContainer container)
    {
        for (var i = 0; i < container.Count; i++)
        {
            if (container.ItemValue(i) is SourceContainer { Count: > 0 } value)
            {
                return !text[value.Start..value.End].Contains((byte)'\n');
            }
        }

        return false;
    }
}
