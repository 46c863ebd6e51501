using System.Text.RegularExpressions;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>
/// A .dockerignore as the builder applies it: a pattern (<c>*</c>, <c>**</c>, a trailing <c>/</c>) leaves out
/// the path it matches and everything under it; a later <c>!pattern</c> takes a path back.
/// </summary>
internal sealed class DockerIgnore(IReadOnlyList<(Regex Pattern, bool Exclude)> rules)
{
    public static DockerIgnore Read(string path) =>
        new(File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), false) : (ToRegex(l), true)).ToList());

    public bool Excludes(string path)
    {
        var segments = path.Split('/');
        var prefixes = Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments.Take(n))).ToList();
        var excluded = false;
        foreach (var (pattern, exclude) in rules)
        {
            if (prefixes.Any(pattern.IsMatch))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string pattern)
    {
        var text = pattern.TrimEnd('/').TrimStart('/');
        var regex = Regex.Escape(text).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex($"^{regex}$", RegexOptions.CultureInvariant);
    }
}
