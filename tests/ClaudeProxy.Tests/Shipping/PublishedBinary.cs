using ClaudeProxy.Tests.TestKit;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>The binary under test, placed as a user places a release's binary.</summary>
internal static class PublishedBinary
{
    /// <summary>
    /// The published single file (CI's, from the release archive) is copied alone into a folder of its own; a
    /// development build's executable needs its assemblies beside it and runs where it was built.
    /// </summary>
    public static string PlaceAlone(string folder)
    {
        if (!GatewayProcess.IsPublishedBinary)
        {
            return GatewayProcess.BinaryPath;
        }

        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        var copy = Path.Combine(bin, Path.GetFileName(GatewayProcess.BinaryPath));
        File.Copy(GatewayProcess.BinaryPath, copy);
        return copy;
    }
}
