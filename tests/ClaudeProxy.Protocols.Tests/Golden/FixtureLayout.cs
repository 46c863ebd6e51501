using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>Checks one kind of a provider's fixtures against the files its cases need; a kind without cases fails too (an empty theory would pass).</summary>
internal static class FixtureLayout
{
    /// <param name="paths">The provider's fixtures.</param>
    /// <param name="kind">The kind of golden.</param>
    /// <param name="requiredFiles">Each inner array: at least one of these files must be present.</param>
    public static void AssertComplete(GoldenPaths paths, string kind, string[][] requiredFiles)
    {
        var folders = GoldenCase.CaseFolders(paths, kind).ToList();
        Assert.NotEmpty(folders);
        var missing = folders
            .SelectMany(folder => requiredFiles
                .Where(alternatives => !alternatives.Any(file => File.Exists(Path.Combine(folder, file))))
                .Select(alternatives => $"{kind}/{Path.GetFileName(folder)}: {string.Join(" or ", alternatives)}"))
            .ToList();

        Assert.True(missing.Count == 0, "Fixture folders lack required files:\n" + string.Join("\n", missing));
    }
}
