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

    /// <summary>
    /// Starts the binary placed alone (<see cref="PlaceAlone"/>) in <paramref name="folder"/> on a loopback port the
    /// system picks, and reads the access key it generated there.
    /// </summary>
    public static async Task<(GatewayProcess Gateway, string Binary, Uri BaseUrl, string AccessKey)> StartAloneAsync(string folder, CancellationToken cancellationToken)
    {
        var binary = PlaceAlone(folder);
        var gateway = GatewayProcess.Start(binary, folder, new Dictionary<string, string> { ["HOST"] = "127.0.0.1", ["PORT"] = "0" });
        var baseUrl = await gateway.WaitUntilListeningAsync(cancellationToken);
        var key = (await File.ReadAllTextAsync(Path.Combine(folder, ".config", "access-key"), cancellationToken)).Trim();
        return (gateway, binary, baseUrl, key);
    }
}
