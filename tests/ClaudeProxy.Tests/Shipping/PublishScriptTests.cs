using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>
/// build/publish.sh's packing: what a release archive holds, its checksums, and that it is the same bytes
/// every time. The publishing itself is what CI runs before the tests (the binary under test comes from it).
/// </summary>
public sealed class PublishScriptTests
{
    private static readonly string Version =
        XDocument.Load(RepositoryFolder.File("Directory.Build.props")).Descendants("Version").Single().Value;

    [Theory]
    [InlineData("linux-x64", "claude-proxy", true)]
    [InlineData("linux-arm64", "claude-proxy", true)]
    [InlineData("osx-arm64", "claude-proxy", false)]
    [InlineData("win-x64", "claude-proxy.exe", false)]
    public async Task A_release_archive_holds_the_binary_the_readme_the_licence_and_the_env_example_in_one_folder(
        string rid, string binary, bool withServiceFiles)
    {
        using var folder = new TempFolder();
        var archive = await PackAsync(folder.Path, rid);

        var folderName = $"claude-proxy-{Version}-{rid}";
        Assert.Equal(Path.Combine(folder.Path, "out", folderName + (rid.StartsWith("win", StringComparison.Ordinal) ? ".zip" : ".tar.gz")), archive);
        var entries = ReadEntries(archive);
        string[] expected = withServiceFiles
            ? [binary, "README.md", "LICENSE", ".env.example", "claude-proxy.service", "claude-proxy.sysusers"]
            : [binary, "README.md", "LICENSE", ".env.example"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), entries.Keys.Select(k => k[(folderName.Length + 1)..]).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(RepositoryFolder.File("README.md")), entries[$"{folderName}/README.md"].Content);
        Assert.Equal(File.ReadAllBytes(RepositoryFolder.File("LICENSE")), entries[$"{folderName}/LICENSE"].Content);
        Assert.Equal(StandInBinary, entries[$"{folderName}/{binary}"].Content);
        if (entries[$"{folderName}/{binary}"].Mode is { } mode)
        {
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute) && mode.HasFlag(UnixFileMode.OtherExecute), $"{binary} is executable: {mode}");
        }
    }

    [Fact]
    public async Task The_sums_file_gives_the_SHA256_of_every_archive_beside_it()
    {
        using var folder = new TempFolder();
        var archives = new[] { await PackAsync(folder.Path, "linux-x64"), await PackAsync(folder.Path, "win-x64") };

        await RunScriptAsync(["sums", Path.Combine(folder.Path, "out")]);

        var lines = await File.ReadAllLinesAsync(Path.Combine(folder.Path, "out", "SHA256SUMS"), TestContext.Current.CancellationToken);
        var expected = archives.Order(StringComparer.Ordinal)
            .Select(a => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(a)))}  {Path.GetFileName(a)}");
        Assert.Equal(expected, lines);
    }

    [Fact]
    public async Task The_same_binary_packed_twice_with_SOURCE_DATE_EPOCH_gives_the_same_archive_bytes()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        var a = await PackAsync(first.Path, "linux-x64", sourceDateEpoch: "1764892800");
        var b = await PackAsync(second.Path, "linux-x64", sourceDateEpoch: "1764892800");

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.All(ReadEntries(a).Values, e => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764892800), e.Modified));
    }

    [Fact]
    public async Task An_unknown_runtime_is_refused_naming_the_ones_the_script_builds()
    {
        using var folder = new TempFolder();

        var outcome = await RunScriptAsync(["--out", folder.Path, "freebsd-x64"], mayFail: true);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("unknown RID 'freebsd-x64' (linux-x64, linux-arm64, win-x64, osx-arm64)", outcome.StandardError, StringComparison.Ordinal);
    }

    private static readonly byte[] StandInBinary = "#!/bin/sh\necho stand-in\n"u8.ToArray();

    private static async Task<string> PackAsync(string folder, string rid, string? sourceDateEpoch = null)
    {
        var binary = Path.Combine(folder, "stand-in-" + rid);
        await File.WriteAllBytesAsync(binary, StandInBinary, TestContext.Current.CancellationToken);
        var outcome = await RunScriptAsync(["package", rid, binary, Path.Combine(folder, "out")], sourceDateEpoch);
        return outcome.StandardOutput.Trim();
    }

    /// <summary>Runs build/publish.sh; unless <paramref name="mayFail"/>, a failing run fails the test with what it printed.</summary>
    private static async Task<ProcessOutcome> RunScriptAsync(IReadOnlyList<string> args, string? sourceDateEpoch = null, bool mayFail = false)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { RepositoryFolder.File("build", "publish.sh") } };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("SOURCE_DATE_EPOCH");
        if (sourceDateEpoch is not null)
        {
            start.Environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch;
        }

        var outcome = await CliProcess.RunAsync(start, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(mayFail || outcome.ExitCode == 0, $"build/publish.sh {string.Join(' ', args)} failed:\n{outcome.StandardError}");
        return outcome;
    }

    private sealed record Entry(byte[] Content, UnixFileMode? Mode, DateTimeOffset Modified);

    /// <summary>The files of a .tar.gz or .zip by their path inside it (folders left out).</summary>
    private static Dictionary<string, Entry> ReadEntries(string archive)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (archive.EndsWith(".zip", StringComparison.Ordinal))
        {
            using var zip = ZipFile.OpenRead(archive);
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(content);
                }

                entries[entry.FullName] = new Entry(content.ToArray(), null, entry.LastWriteTime);
            }

            return entries;
        }

        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.Directory)
            {
                continue;
            }

            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries[entry.Name] = new Entry(content.ToArray(), entry.Mode, entry.ModificationTime);
        }

        return entries;
    }
}
