using System.Text.RegularExpressions;

namespace ClaudeProxy.Tests.Migration;

/// <summary>
/// claude-proxy config files as its versions wrote them (Go's <c>json.MarshalIndent</c>: two-space indents,
/// <c>&amp;</c> and <c>&lt;</c> escaped, Chinese names as they are), with <c>{{name}}</c> where a URL of a fake upstream goes.
/// </summary>
internal static partial class ClaudeProxyFixtures
{
    public const string Seed = "claude-proxy-seed.json";
    public const string V21 = "claude-proxy-v2.1.json";
    public const string V25 = "claude-proxy-v2.5.json";

    public static string Read(string name, IReadOnlyDictionary<string, Uri> urls)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Migration", "fixtures", name));
        return Placeholder().Replace(text, m => urls.TryGetValue(m.Groups[1].Value, out var url)
            ? url.ToString().TrimEnd('/')
            : throw new InvalidOperationException($"{name} needs a URL for {m.Value}"));
    }

    /// <summary>
    /// The file without what the gateway adds on its first load: each channel's <c>id</c>, and the
    /// <c>priorityZeroMeansPosition</c> marker — whichever side of a comma they were put.
    /// </summary>
    public static string WithoutAddedFields(string written) => Added().Replace(written, "");

    [GeneratedRegex(@"\{\{([a-z0-9-]+)\}\}")]
    private static partial Regex Placeholder();

    // An added field is either after a comma (anywhere but first) or before one (first in its object).
    [GeneratedRegex(@",\r?\n[ \t]*""(?:id"": ""ch_[a-z0-9]+""|priorityZeroMeansPosition"": true)|\r?\n[ \t]*""(?:id"": ""ch_[a-z0-9]+""|priorityZeroMeansPosition"": true),")]
    private static partial Regex Added();
}
