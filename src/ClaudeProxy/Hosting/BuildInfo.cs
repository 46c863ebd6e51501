using System.Reflection;

namespace ClaudeProxy.Hosting;

/// <summary>
/// What build this binary is: its version, the commit it was built from and the day, as the build wrote them
/// into assembly attributes (the informational version's <c>+sha</c> suffix, and <c>AssemblyMetadata("BuildDate")</c>
/// when the build was given a <c>BuildDate</c>). Either may be missing; a local build says so rather than guessing.
/// </summary>
public sealed record BuildInfo(string Version, string? Commit, string? BuildDate)
{
    /// <summary>Git's short form; enough to find the commit, short enough for a status line.</summary>
    public const int ShortCommitLength = 7;

    public static BuildInfo Current { get; } = FromAssembly(typeof(BuildInfo).Assembly);

    /// <summary>One line for <c>--version</c>, e.g. <c>claude-proxy 0.1.0 (commit 26169cb, built 2026-12-05)</c>.</summary>
    public string Describe() =>
        $"claude-proxy {Version} ({(Commit is null ? "commit unknown" : $"commit {Commit}")}, {(BuildDate is null ? "built locally" : $"built {BuildDate}")})";

    /// <summary>
    /// Reads <paramref name="informationalVersion"/> (<c>0.1.0+26169cb…</c>; a version with build metadata of its own gets
    /// the commit appended after a dot) and the build date; blank values count as absent.
    /// </summary>
    public static BuildInfo Parse(string? informationalVersion, string? buildDate)
    {
        var text = informationalVersion?.Trim() ?? "";
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var version = (plus >= 0 ? text[..plus] : text) is { Length: > 0 } v ? v : "0.0.0";
        var metadata = plus >= 0 ? text[(plus + 1)..] : "";
        var commit = metadata.Split('.')[^1];
        return new BuildInfo(version, Shorten(commit), string.IsNullOrWhiteSpace(buildDate) ? null : buildDate.Trim());
    }

    private static BuildInfo FromAssembly(Assembly assembly) => Parse(
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().LastOrDefault(a => a.Key == "BuildDate")?.Value);

    /// <summary>Build metadata that is not a commit hash (<c>+local</c>) names no commit.</summary>
    private static string? Shorten(string commit) =>
        commit.Length >= ShortCommitLength && commit.All(char.IsAsciiHexDigit) ? commit[..ShortCommitLength].ToLowerInvariant() : null;
}
