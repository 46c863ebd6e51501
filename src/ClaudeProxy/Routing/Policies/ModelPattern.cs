namespace ClaudeProxy.Routing.Policies;

/// <summary>A channel's model patterns: <c>*</c> matches any run of characters, <c>?</c> one; case-insensitive.</summary>
public static class ModelPattern
{
    public static bool Matches(IReadOnlyList<string>? patterns, string? model)
    {
        if (patterns is null || patterns.Count == 0)
        {
            return true;
        }

        if (model is null)
        {
            return false;
        }

        foreach (var pattern in patterns)
        {
            if (Matches(pattern, model))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        // Greedy wildcard matching with one backtrack point: linear in practice, no regex to compile.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
