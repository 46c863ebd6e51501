using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// A CLI from npm pinned to one exact version in a <c>package.json</c> (with its lock) under the
/// repository's <c>tests</c> folder, installed there with <c>npm ci</c> the first time a test asks
/// for it, once per test run.
/// </summary>
/// <remarks>
/// The install runs <c>npm ci --ignore-scripts</c>: no package script runs, so nothing is fetched
/// besides the locked tarballs. A package that needs its postinstall names it in
/// <c>postinstallScript</c>, and that one script is run by hand with node afterwards.
/// </remarks>
public sealed class PinnedNpmCli
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);

    private readonly string _folderName;
    private readonly string _command;
    private readonly Func<string, string> _readVersion;
    private readonly string? _postinstallScript;
    private readonly bool _versionInFreshHome;
    private readonly Lazy<Task<string>> _installation;

    /// <param name="displayName">What the tests call the CLI in messages, e.g. <c>Claude Code</c>.</param>
    /// <param name="folderName">The folder under <c>tests</c> that holds its <c>package.json</c>.</param>
    /// <param name="packageName">The npm package the manifest pins.</param>
    /// <param name="command">The executable's name in <c>node_modules/.bin</c>.</param>
    /// <param name="readVersion">The version number in what <c>command --version</c> printed (trimmed).</param>
    /// <param name="postinstallScript">A script inside the package to run with node after <c>npm ci</c>, if any.</param>
    /// <param name="versionInFreshHome">
    /// Whether <c>command --version</c> runs with HOME in a fresh temp folder, for a CLI that writes
    /// into its home folder even to print its version.
    /// </param>
    public PinnedNpmCli(
        string displayName,
        string folderName,
        string packageName,
        string command,
        Func<string, string> readVersion,
        string? postinstallScript = null,
        bool versionInFreshHome = false)
    {
        DisplayName = displayName;
        _folderName = folderName;
        PackageName = packageName;
        _command = command;
        _readVersion = readVersion;
        _postinstallScript = postinstallScript;
        _versionInFreshHome = versionInFreshHome;
        _installation = new(() => Task.Run(InstallOnceAsync));
    }

    public string DisplayName { get; }

    public string PackageName { get; }

    /// <summary>The repository's <c>tests/&lt;folder&gt;</c>, found from the test binaries' location.</summary>
    public string PackageFolder => field ??= FindPackageFolder();

    /// <summary>The exact version the folder's <c>package.json</c> pins.</summary>
    public string PinnedVersion => field ??= ReadPinnedVersion();

    /// <summary>How long the install took in this test run (zero when it was already in place).</summary>
    public TimeSpan InstallDuration { get; private set; }

    /// <summary>
    /// Installs the pinned CLI into <see cref="PackageFolder"/> unless it is already there, once per
    /// test run however many tests ask at the same time; returns the path of the executable.
    /// A failed install fails every test that needs it with the same message, without trying again.
    /// </summary>
    public Task<string> EnsureInstalledAsync(CancellationToken cancellationToken) =>
        _installation.Value.WaitAsync(cancellationToken);

    // Not tied to the first caller's token: a test that gives up must not cancel the install for the others.
    private async Task<string> InstallOnceAsync()
    {
        var executable = Path.Combine(PackageFolder, "node_modules", ".bin", OperatingSystem.IsWindows() ? _command + ".cmd" : _command);
        if (await InstalledVersionAsync(executable) == PinnedVersion)
        {
            return executable;
        }

        var started = Stopwatch.GetTimestamp();
        await InstallAsync();
        InstallDuration = Stopwatch.GetElapsedTime(started);
        var installed = await InstalledVersionAsync(executable);
        return installed == PinnedVersion
            ? executable
            : throw new InvalidOperationException(
                $"After installing, '{executable} --version' reports {installed ?? "nothing"}, not the pinned {PinnedVersion}.");
    }

    private async Task InstallAsync()
    {
        var npm = CliProcess.FindOnPath("npm") ?? throw new InvalidOperationException(
            $"The {DisplayName} tests need Node.js and npm on PATH, to install {PackageName} into {PackageFolder}. npm was not found.");
        var node = CliProcess.FindOnPath("node") ?? throw new InvalidOperationException(
            $"The {DisplayName} tests need Node.js and npm on PATH, to install {PackageName} into {PackageFolder}. node was not found.");

        // The lock pins every platform's binary package; npm fetches only the one this machine needs.
        await RunInstallStepAsync(npm, ["ci", "--ignore-scripts", "--include=optional", "--no-audit", "--no-fund"]);

        if (_postinstallScript is not null)
        {
            await RunInstallStepAsync(node, [Path.Combine("node_modules", PackageName, _postinstallScript)]);
        }
    }

    private async Task RunInstallStepAsync(string fileName, string[] args)
    {
        // The step keeps the test run's environment: npm needs its registry settings and cache.
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = PackageFolder };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var outcome = await CliProcess.RunAsync(start, InstallTimeout, CancellationToken.None);
        var command = $"{Path.GetFileName(fileName)} {string.Join(' ', args)}";
        if (outcome.TimedOut || outcome.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Installing {DisplayName} failed: '{command}' in {PackageFolder} "
                + (outcome.TimedOut ? $"took longer than {InstallTimeout.TotalMinutes:0} minutes" : $"exited with {outcome.ExitCode}")
                + $".\nstdout:\n{outcome.StandardOutput}\nstderr:\n{outcome.StandardError}");
        }
    }

    /// <summary>The version <c>--version</c> reports, or null when the executable is missing or cannot run.</summary>
    private async Task<string?> InstalledVersionAsync(string executable)
    {
        if (!File.Exists(executable))
        {
            return null;
        }

        using var home = _versionInFreshHome ? new TempFolder() : null;
        var start = new ProcessStartInfo(executable) { WorkingDirectory = PackageFolder };
        start.ArgumentList.Add("--version");
        if (home is not null)
        {
            start.Environment["HOME"] = home.Path;
        }

        try
        {
            var outcome = await CliProcess.RunAsync(start, VersionTimeout, CancellationToken.None);
            return outcome is { TimedOut: false, ExitCode: 0 }
                ? _readVersion(outcome.StandardOutput.Trim())
                : null;
        }
        catch (InvalidOperationException)
        {
            // A stub left by an install without its postinstall may not be executable at all
            // (a shell script with no shebang line: "Exec format error").
            return null;
        }
    }

    private string FindPackageFolder() => RepositoryFolder.File("tests", _folderName);

    private string ReadPinnedVersion()
    {
        var manifest = Path.Combine(PackageFolder, "package.json");
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        var version = document.RootElement.GetProperty("dependencies").GetProperty(PackageName).GetString();
        if (version is null || !Regex.IsMatch(version, @"^\d+\.\d+\.\d+$"))
        {
            throw new InvalidOperationException($"{manifest} must pin {PackageName} to an exact version, not '{version}'.");
        }

        return version;
    }
}
