namespace ClaudeProxy.Observability.Cost;

/// <summary>
/// Which of two price patterns that both match a model is the more specific: the one with more
/// literal characters (<c>gpt-4o-mini*</c> over <c>gpt-4o*</c>); on a tie, the one with fewer
/// <c>*</c> (so <c>gpt-4o</c> beats <c>gpt-4o*</c>); on a further tie, fewer <c>?</c>. Patterns equal
/// by all three keep their listed order.
/// </summary>
public static class PricePatternSpecificity
{
    /// <summary>Negative when <paramref name="a"/> is more specific than <paramref name="b"/>: sorting ascending puts the most specific first.</summary>
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (aLiterals, aStars, aMarks) = Count(a);
        var (bLiterals, bStars, bMarks) = Count(b);
        if (aLiterals != bLiterals)
        {
            return bLiterals.CompareTo(aLiterals);
        }

        return aStars != bStars ? aStars.CompareTo(bStars) : aMarks.CompareTo(bMarks);
    }

    private static (int Literals, int Stars, int Marks) Count(string pattern)
    {
        var stars = pattern.Count(c => c == '*');
        var marks = pattern.Count(c => c == '?');
        return (pattern.Length - stars - marks, stars, marks);
    }
}
