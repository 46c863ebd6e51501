using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// The real Claude Code CLI (npm <c>@anthropic-ai/claude-code</c>, pinned in <c>tests/claude-code</c>),
/// installed on first use and run in print mode against a gateway, fully offline.
/// </summary>
/// <remarks>
/// The npm package is a thin wrapper: its <c>bin/claude.exe</c> is a stub that the package's
/// postinstall (<c>install.cjs</c>) replaces with the native binary from the platform's optional
/// dependency. The install runs <c>npm ci --ignore-scripts</c> and then that one script by hand; it
/// only copies a file that is already on disk, so nothing is fetched besides the locked tarballs.
/// </remarks>
public static class ClaudeCodeCli
{
    public const string PackageName = "@anthropic-ai/claude-code";

    /// <summary>How long one <c>claude -p</c> run may take before its process tree is killed.</summary>
    public static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<string>> Installation = new(() => Task.Run(InstallOnceAsync));

    /// <summary>The repository's <c>tests/claude-code</c> folder, found from the test binaries' location.</summary>
    public static string PackageFolder => field ??= FindPackageFolder();

    /// <summary>The exact version <c>tests/claude-code/package.json</c> pins.</summary>
    public static string PinnedVersion => field ??= ReadPinnedVersion();

    /// <summary>How long the install took in this test run (zero when it was already in place).</summary>
    public static TimeSpan InstallDuration { get; private set; }

    /// <summary>
    /// Installs the pinned CLI into <see cref="PackageFolder"/> unless it is already there, once per
    /// test run however many tests ask at the same time; returns the path of the <c>claude</c> executable.
    /// A failed install fails every test that needs it with the same message, without trying again.
    /// </summary>
    public static Task<string> EnsureInstalledAsync(CancellationToken cancellationToken) =>
        Installation.Value.WaitAsync(cancellationToken);

    // Not tied to the first caller's token: a test that gives up must not cancel the install for the others.
    private static async Task<string> InstallOnceAsync()
    {
        var executable = Path.Combine(PackageFolder, "node_modules", ".bin", OperatingSystem.IsWindows() ? "claude.cmd" : "claude");
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

    /// <summary>
    /// Runs <c>claude -p prompt --output-format json --allowedTools "Bash(echo:*)"</c> against
    /// <paramref name="baseUrl"/> in a fresh HOME and working folder, with stdin closed and only the
    /// offline variables set. A run that outlives <paramref name="timeout"/> is killed with its children.
    /// </summary>
    public static async Task<ClaudeCodeRun> RunAsync(
        Uri baseUrl,
        string apiKey,
        string prompt,
        string? model = null,
        int? maxTurns = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var executable = await EnsureInstalledAsync(cancellationToken);
        using var sandbox = new TempFolder();
        var home = Directory.CreateDirectory(Path.Combine(sandbox.Path, "home")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(sandbox.Path, "work")).FullName;

        var start = new ProcessStartInfo(executable) { WorkingDirectory = work };
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(prompt);
        start.ArgumentList.Add("--output-format");
        start.ArgumentList.Add("json");
        start.ArgumentList.Add("--allowedTools");
        start.ArgumentList.Add("Bash(echo:*)");
        if (model is not null)
        {
            start.ArgumentList.Add("--model");
            start.ArgumentList.Add(model);
        }

        if (maxTurns is { } turns)
        {
            start.ArgumentList.Add("--max-turns");
            start.ArgumentList.Add(turns.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "";
        start.Environment["HOME"] = home;
        start.Environment["ANTHROPIC_BASE_URL"] = baseUrl.ToString().TrimEnd('/');
        start.Environment["ANTHROPIC_API_KEY"] = apiKey;
        start.Environment["DISABLE_TELEMETRY"] = "1";
        start.Environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
        start.Environment["DISABLE_AUTOUPDATER"] = "1";

        var started = Stopwatch.GetTimestamp();
        var outcome = await RunProcessAsync(start, timeout ?? DefaultRunTimeout, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (outcome.TimedOut)
        {
            throw new TimeoutException(
                $"claude -p did not finish within {(timeout ?? DefaultRunTimeout).TotalSeconds:0} s and was killed.\n"
                + $"stdout:\n{outcome.StandardOutput}\nstderr:\n{outcome.StandardError}");
        }

        return new ClaudeCodeRun(outcome.ExitCode, outcome.StandardOutput, outcome.StandardError, ParseResult(outcome.StandardOutput), elapsed);
    }

    private static async Task InstallAsync()
    {
        var npm = FindOnPath("npm") ?? throw new InvalidOperationException(
            "The Claude Code tests need Node.js and npm on PATH, to install " + PackageName + " into " + PackageFolder + ". npm was not found.");
        var node = FindOnPath("node") ?? throw new InvalidOperationException(
            "The Claude Code tests need Node.js and npm on PATH, to install " + PackageName + " into " + PackageFolder + ". node was not found.");

        // The lock pins every platform's binary package; npm fetches only the one this machine needs.
        await RunInstallStepAsync(npm, ["ci", "--ignore-scripts", "--include=optional", "--no-audit", "--no-fund"]);

        // The wrapper's own postinstall, run on its own: it puts the native binary over the stub.
        await RunInstallStepAsync(node, [Path.Combine("node_modules", PackageName, "install.cjs")]);
    }

    private static async Task RunInstallStepAsync(string fileName, string[] args)
    {
        // The step keeps the test run's environment: npm needs its registry settings and cache.
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = PackageFolder };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var outcome = await RunProcessAsync(start, InstallTimeout, CancellationToken.None);
        var command = $"{Path.GetFileName(fileName)} {string.Join(' ', args)}";
        if (outcome.TimedOut || outcome.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Installing Claude Code failed: '{command}' in {PackageFolder} "
                + (outcome.TimedOut ? $"took longer than {InstallTimeout.TotalMinutes:0} minutes" : $"exited with {outcome.ExitCode}")
                + $".\nstdout:\n{outcome.StandardOutput}\nstderr:\n{outcome.StandardError}");
        }
    }

    /// <summary>The version <c>claude --version</c> prints (e.g. <c>2.1.332</c>), or null when it cannot run.</summary>
    private static async Task<string?> InstalledVersionAsync(string executable)
    {
        if (!File.Exists(executable))
        {
            return null;
        }

        var start = new ProcessStartInfo(executable) { WorkingDirectory = PackageFolder };
        start.ArgumentList.Add("--version");
        try
        {
            var outcome = await RunProcessAsync(start, VersionTimeout, CancellationToken.None);
            return outcome is { TimedOut: false, ExitCode: 0 }
                ? outcome.StandardOutput.Trim().Split(' ', 2)[0]
                : null;
        }
        catch (InvalidOperationException)
        {
            // The stub left by an install without the postinstall is a shell script with no
            // shebang line, which cannot be executed directly ("Exec format error").
            return null;
        }
    }

    private static async Task<ProcessOutcome> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{start.FileName}': {ex.Message}", ex);
        }

        // Closed at once, so the child reads end-of-file as it would from /dev/null.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // Both pipes close once the process and any child holding them are gone.
        var output = await stdout;
        var error = await stderr;
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessOutcome(timedOut ? -1 : process.ExitCode, output, error, timedOut);
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own just now.
        }
    }

    private static JsonElement? ParseResult(string stdout)
    {
        // One JSON object is the whole output; take the last object line in case anything precedes it.
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? FindOnPath(string name)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".cmd", name + ".exe" } : [name];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => names.Select(n => Path.Combine(folder, n)))
            .FirstOrDefault(File.Exists);
    }

    private static string FindPackageFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ClaudeProxy.slnx")))
            {
                return Path.Combine(folder.FullName, "tests", "claude-code");
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ClaudeProxy.slnx, so tests/claude-code cannot be found.");
    }

    private static string ReadPinnedVersion()
    {
        var manifest = Path.Combine(PackageFolder, "package.json");
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        var version = document.RootElement.GetProperty("dependencies").GetProperty(PackageName).GetString();
        if (version is null || !System.Text.RegularExpressions.Regex.IsMatch(version, @"^\d+\.\d+\.\d+$"))
        {
            throw new InvalidOperationException($"{manifest} must pin {PackageName} to an exact version, not '{version}'.");
        }

        return version;
    }

    private sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);
}

/// <summary>What one <c>claude -p --output-format json</c> run produced.</summary>
public sealed record ClaudeCodeRun(int ExitCode, string StandardOutput, string StandardError, JsonElement? Json, TimeSpan Elapsed)
{
    /// <summary>The final answer (<c>result</c>), or null when the output was not a result object.</summary>
    public string? Result => StringProperty("result");

    /// <summary><c>success</c>, or an error subtype such as <c>error_max_turns</c>.</summary>
    public string? Subtype => StringProperty("subtype");

    public bool? IsError => Json is { } json && json.TryGetProperty("is_error", out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
        ? value.GetBoolean()
        : null;

    public int? NumTurns => Json is { } json && json.TryGetProperty("num_turns", out var value) && value.ValueKind == JsonValueKind.Number
        ? value.GetInt32()
        : null;

    /// <summary>Everything about the run, for assertion messages.</summary>
    public override string ToString() =>
        $"claude exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";

    private string? StringProperty(string name) =>
        Json is { } json && json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
