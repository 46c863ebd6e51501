using System.Globalization;
using Microsoft.ML.Tokenizers;

namespace ClaudeProxy.Protocols.Tokens;

/// <summary>
/// Counts tokens while bounding the cost of pathological input. The tokenizer's byte-pair merge
/// is quadratic in the length of one pre-tokenized piece, and a piece is a run of characters of
/// one kind: 200,000 letters with no space or punctuation (a DNA sequence, a run of "AAAA…",
/// unbroken Thai) take about 9 s, and a 32 MB body would take hours. Such runs are cut every
/// <see cref="MaxRunBytes"/> UTF-8 bytes and the parts counted separately, which bounds the work to
/// linear time and changes the count by at most about one token per cut. Text without such runs
/// (any natural-language prose, code, JSON) is counted exactly as the tokenizer counts it.
/// </summary>
internal static class BoundedTokenCount
{
    /// <summary>The longest run of one character kind, in UTF-8 bytes, given to the tokenizer in one piece.</summary>
    internal const int MaxRunBytes = 512;

    private const byte Letter = 0;
    private const byte Digit = 1;
    private const byte Space = 2;
    private const byte Other = 3;

    public static int Count(Tokenizer tokenizer, ReadOnlySpan<char> text)
    {
        // Each UTF-16 unit is at most three UTF-8 bytes, so a text this short cannot hold a long run.
        if (text.Length <= MaxRunBytes / 3)
        {
            return text.IsEmpty ? 0 : tokenizer.CountTokens(text);
        }

        var total = 0;
        var start = 0;
        var runBytes = 0;
        var runKind = byte.MaxValue;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var kind = Classify(c);
            if (kind != runKind)
            {
                runKind = kind;
                runBytes = Utf8Length(c);
                continue;
            }

            runBytes += Utf8Length(c);
            if (runBytes <= MaxRunBytes)
            {
                continue;
            }

            // Never separate the halves of a surrogate pair.
            var cut = char.IsLowSurrogate(c) && i - 1 > start ? i - 1 : i;
            total += tokenizer.CountTokens(text[start..cut]);
            start = cut;
            runBytes = 0;
            for (var j = cut; j <= i; j++)
            {
                runBytes += Utf8Length(text[j]);
            }
        }

        return total + tokenizer.CountTokens(text[start..]);
    }

    /// <summary>UTF-8 bytes of one UTF-16 unit (each half of a surrogate pair counts two).</summary>
    private static int Utf8Length(char c) => c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3;

    /// <summary>The character kinds the o200k_base pre-tokenizer splits between.</summary>
    private static byte Classify(char c)
    {
        if (char.IsAscii(c))
        {
            return char.IsAsciiLetter(c) ? Letter
                : char.IsAsciiDigit(c) ? Digit
                : c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v' ? Space
                : Other;
        }

        if (char.IsSurrogate(c))
        {
            // Emoji and supplementary-plane characters: one kind is enough to bound their runs.
            return Other;
        }

        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Digit,
            _ => char.IsWhiteSpace(c) ? Space : Other,
        };
    }
}
