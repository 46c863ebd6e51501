namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>The line break and indentation step a file uses, so the text we add reads like the text it has.</summary>
internal sealed record FileStyle(string NewLine, char IndentCharacter, int IndentSize)
{
    /// <summary>What a file that shows no indentation gets: two spaces, as claude-proxy writes.</summary>
    public static readonly FileStyle Default = new("\n", ' ', 2);

    public string IndentUnit => new(IndentCharacter, IndentSize);

    /// <summary>
    /// The smallest indentation among lines indented with the character of the first indented line
    /// (the first level of a nested file), and <c>\r\n</c> when the file uses it.
    /// </summary>
    public static FileStyle Of(ReadOnlySpan<byte> text)
    {
        var newLine = text.IndexOf("\r\n"u8) >= 0 ? "\r\n" : "\n";
        var character = '\0';
        var size = int.MaxValue;
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            var indent = line.IndexOfAnyExcept((byte)' ', (byte)'\t');
            if (indent <= 0 || line[indent] == (byte)'\r')
            {
                continue;
            }

            character = character == '\0' ? (char)line[0] : character;
            if (!line[..indent].ContainsAnyExcept((byte)character))
            {
                size = Math.Min(size, indent);
            }
        }

        // The JSON writer indents by at most 127 characters.
        return character == '\0' ? Default with { NewLine = newLine } : new FileStyle(newLine, character, Math.Min(size, 127));
    }
}
