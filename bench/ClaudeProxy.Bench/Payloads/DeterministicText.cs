using System.Text;

namespace ClaudeProxy.Bench.Payloads;

/// <summary>
/// Pseudo-random prose and code from a fixed seed (xorshift64*), so every run and every machine
/// sends byte-identical payloads. <see cref="Random"/> is avoided on purpose: its seeded sequence is
/// not a documented contract.
/// </summary>
internal sealed class DeterministicText(ulong seed)
{
    private static readonly string[] Words =
    [
        "the", "gateway", "request", "stream", "channel", "upstream", "token", "model", "config", "value",
        "function", "returns", "when", "which", "file", "line", "error", "message", "content", "block",
        "tool", "result", "input", "output", "schema", "property", "string", "number", "array", "object",
        "should", "must", "never", "always", "before", "after", "each", "every", "only", "first",
        "test", "build", "project", "folder", "path", "name", "type", "field", "index", "count",
        "user", "assistant", "system", "prompt", "context", "window", "cache", "key", "pool", "retry",
        "with", "from", "into", "over", "under", "between", "without", "because", "while", "until",
        "read", "write", "edit", "search", "match", "pattern", "command", "shell", "process", "thread",
        "async", "await", "task", "buffer", "span", "memory", "bytes", "encoding", "json", "event",
        "a", "an", "of", "to", "in", "on", "for", "is", "are", "be", "it", "this", "that", "and", "or",
    ];

    private static readonly string[] Identifiers =
    [
        "request", "response", "channel", "buffer", "options", "context", "writer", "reader", "config",
        "attempt", "plan", "health", "stream", "parser", "mapping", "tools", "schema", "result", "token",
    ];

    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    public int Next(int maxExclusive)
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        var value = _state * 0x2545F4914F6CDD1DUL;
        return (int)((value >> 33) % (ulong)maxExclusive);
    }

    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    public string Word() => Words[Next(Words.Length)];

    /// <summary>A camelCase name such as <c>request</c> or <c>channelBuffer</c>.</summary>
    public string Identifier() => Identifiers[Next(Identifiers.Length)] + (Next(3) == 0 ? Capitalized(Identifiers[Next(Identifiers.Length)]) : "");

    public static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    public string Sentence(int minWords = 6, int maxWords = 18)
    {
        var count = Between(minWords, maxWords);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var word = Word();
            text.Append(i == 0 ? Capitalized(word) : " " + word);
        }

        return text.Append('.').ToString();
    }

    /// <summary>Prose of about <paramref name="approxChars"/> characters, in paragraphs.</summary>
    public string Prose(int approxChars)
    {
        var text = new StringBuilder(approxChars + 200);
        while (text.Length < approxChars)
        {
            text.Append(Sentence());
            text.Append(Next(5) == 0 ? "\n\n" : " ");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>C#-looking source of about <paramref name="approxChars"/> characters, numbered like a Read tool result.</summary>
    public string NumberedCode(int approxChars)
    {
        var text = new StringBuilder(approxChars + 200);
        var line = 1;
        var indent = 0;
        while (text.Length < approxChars)
        {
            var code = Next(6) switch
            {
                0 => $"public {Capitalized(Identifier())} {Capitalized(Word())}{Capitalized(Word())}({Capitalized(Identifier())} {Identifier()})",
                1 => "{",
                2 => $"var {Identifier()} = await {Identifier()}.{Capitalized(Word())}Async(\"{Word()} {Word()}\", cancellationToken);",
                3 => $"// {Sentence(4, 10)}",
                4 => $"if ({Identifier()} is null) return {Identifier()};",
                _ => "}",
            };
            if (code == "}")
            {
                indent = Math.Max(0, indent - 1);
            }

            text.Append(line.ToString("D", System.Globalization.CultureInfo.InvariantCulture).PadLeft(6)).Append('\t')
                .Append(' ', indent * 4).Append(code).Append('\n');
            if (code == "{")
            {
                indent = Math.Min(6, indent + 1);
            }

            line++;
        }

        return text.ToString();
    }

    public string HexId(int length)
    {
        const string Hex = "0123456789abcdef";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Hex[Next(16)];
        }

        return new string(chars);
    }
}
