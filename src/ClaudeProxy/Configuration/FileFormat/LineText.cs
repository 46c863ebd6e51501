using System.Text;

namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>Reads the layout around a place in a file's text.</summary>
internal static class LineText
{
    /// <summary>The spaces and tabs that start the line holding <paramref name="position"/>.</summary>
    public static string IndentAt(ReadOnlySpan<byte> text, int position)
    {
        var line = text[(text[..position].LastIndexOf((byte)'\n') + 1)..];
        var length = line.IndexOfAnyExcept((byte)' ', (byte)'\t');
        return Encoding.ASCII.GetString(line[..(length < 0 ? line.Length : length)]);
    }

    /// <summary>The white space that ends <paramref name="gap"/>: what follows its comma and comments.</summary>
    public static string TrailingWhitespace(ReadOnlySpan<byte> gap) =>
        Encoding.ASCII.GetString(gap[(gap.LastIndexOfAnyExcept(" \t\r\n"u8) + 1)..]);

    /// <summary>The bytes between a key and its value when they are only a colon and white space, as new properties should have them.</summary>
    public static string? Colon(ReadOnlySpan<byte> between) =>
        between.Count((byte)':') == 1 && !between.ContainsAnyExcept(" \t:"u8) ? Encoding.ASCII.GetString(between) : null;
}
