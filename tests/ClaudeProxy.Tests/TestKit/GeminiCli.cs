using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// The real Gemini CLI (npm <c>@google/gemini-cli</c>, pinned in <c>tests/gemini-cli</c>), installed on
/// first use and run headless with <c>gemini -p</c> against a Gemini API server, fully offline.
/// </summary>
/// <remarks>
/// <para>
/// The package is one esbuild bundle (<c>bundle/gemini.js</c>, Node 20 or later); its only dependencies
/// are optional native modules (node-pty for the shell tool, keytar), shipped prebuilt, so
/// <c>npm ci --ignore-scripts</c> is the whole install. Without node-pty the shell tool falls back to a
/// plain child process.
/// </para>
/// <para>
/// Each run gets a fresh HOME whose <c>.gemini/settings.json</c> picks API-key auth (without it the
/// CLI exits 41) and turns off telemetry, usage statistics, the update check and IDE integration;
/// <c>GEMINI_CLI_TRUST_WORKSPACE</c> trusts the working folder (without it the CLI exits 55) and
/// <c>GEMINI_CLI_NO_RELAUNCH</c> keeps it from restarting itself in a child node with a bigger heap.
/// The key goes out as <c>x-goog-api-key</c> and every request to <c>GOOGLE_GEMINI_BASE_URL</c>; with
/// those settings 0.61.0 opens no other connection.
/// </para>
/// </remarks>
public static class GeminiCli
{
    public const string PackageName = "@google/gemini-cli";

    /// <summary>How long one <c>gemini -p</c> run may take before its process tree is killed.</summary>
    public static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromSeconds(120);

    // "0.61.0". Even --version registers the working folder in ~/.gemini, so it gets a HOME of its own.
    private static readonly PinnedNpmCli Package = new(
        "Gemini CLI", "gemini-cli", PackageName, "gemini", version => version.Split(' ')[^1], versionInFreshHome: true);

    /// <summary>The repository's <c>tests/gemini-cli</c> folder, found from the test binaries' location.</summary>
    public static string PackageFolder => Package.PackageFolder;

    /// <summary>The exact version <c>tests/gemini-cli/package.json</c> pins.</summary>
    public static string PinnedVersion => Package.PinnedVersion;

    /// <summary>How long the install took in this test run (zero when it was already in place).</summary>
    public static TimeSpan InstallDuration => Package.InstallDuration;

    /// <summary>
    /// Installs the pinned CLI into <see cref="PackageFolder"/> unless it is already there, once per
    /// test run; returns the path of the <c>gemini</c> executable.
    /// </summary>
    public static Task<string> EnsureInstalledAsync(CancellationToken cancellationToken) =>
        Package.EnsureInstalledAsync(cancellationToken);

    /// <summary>
    /// Runs <c>gemini -p prompt -m model --output-format json --approval-mode yolo</c> against
    /// <paramref name="gatewayBaseUrl"/> with <paramref name="accessKey"/> as its Gemini API key. It runs
    /// in a fresh HOME and working folder, with stdin closed, every tool call approved, and only PATH,
    /// HOME and the CLI's own variables set. A run that outlives <paramref name="timeout"/> is killed
    /// with its children.
    /// </summary>
    public static async Task<GeminiRun> RunAsync(
        Uri gatewayBaseUrl,
        string accessKey,
        string prompt,
        string model,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gatewayBaseUrl);
        var executable = await EnsureInstalledAsync(cancellationToken);
        using var sandbox = new TempFolder();
        var home = Directory.CreateDirectory(Path.Combine(sandbox.Path, "home")).FullName;
        var geminiHome = Directory.CreateDirectory(Path.Combine(home, ".gemini")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(sandbox.Path, "work")).FullName;
        await File.WriteAllTextAsync(Path.Combine(geminiHome, "settings.json"), Settings(), cancellationToken);

        var start = new ProcessStartInfo(executable) { WorkingDirectory = work };
        foreach (var arg in new[] { "-p", prompt, "-m", model, "--output-format", "json", "--approval-mode", "yolo" })
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing else: no GOOGLE_* credentials or project, no proxy or certificate settings, no DEBUG.
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "";
        start.Environment["HOME"] = home;
        start.Environment["GEMINI_API_KEY"] = accessKey;
        start.Environment["GOOGLE_GEMINI_BASE_URL"] = gatewayBaseUrl.ToString().TrimEnd('/');
        start.Environment["GEMINI_CLI_TRUST_WORKSPACE"] = "true";
        start.Environment["GEMINI_CLI_NO_RELAUNCH"] = "true";

        var started = Stopwatch.GetTimestamp();
        var outcome = await CliProcess.RunAsync(start, timeout ?? DefaultRunTimeout, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (outcome.TimedOut)
        {
            throw new TimeoutException(
                $"gemini -p did not finish within {(timeout ?? DefaultRunTimeout).TotalSeconds:0} s and was killed.\n"
                + $"stdout:\n{outcome.StandardOutput}\nstderr:\n{outcome.StandardError}");
        }

        return new GeminiRun(outcome.ExitCode, outcome.StandardOutput, outcome.StandardError, ReadResponse(outcome.StandardOutput), elapsed);
    }

    /// <summary>
    /// The run's <c>~/.gemini/settings.json</c>: API-key auth, and nothing that reaches anywhere but the
    /// server (no telemetry, no usage statistics, no update check, no IDE companion).
    /// </summary>
    public static string Settings() => new JsonObject
    {
        ["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = "gemini-api-key" } },
        ["general"] = new JsonObject { ["enableAutoUpdate"] = false, ["enableAutoUpdateNotification"] = false },
        ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
        ["telemetry"] = new JsonObject { ["enabled"] = false },
        ["ide"] = new JsonObject { ["enabled"] = false },
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The <c>response</c> of the JSON document <c>--output-format json</c> prints, or null.</summary>
    private static string? ReadResponse(string standardOutput)
    {
        var start = standardOutput.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(standardOutput[start..]);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("response", out var response)
                && response.ValueKind == JsonValueKind.String
                    ? response.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// What one <c>gemini -p</c> run produced. <c>Response</c> is the <c>response</c> text of the JSON
/// document it printed on stdout, null when there was none (the run failed before answering).
/// </summary>
public sealed record GeminiRun(int ExitCode, string StandardOutput, string StandardError, string? Response, TimeSpan Elapsed)
{
    /// <summary>Everything about the run, for assertion messages.</summary>
    public override string ToString() =>
        $"gemini exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nresponse: {Response ?? "(none)"}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
