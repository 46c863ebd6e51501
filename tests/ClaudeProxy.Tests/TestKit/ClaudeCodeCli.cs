using System.Diagnostics;
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

    // "2.1.332 (Claude Code)"; the wrapper's own postinstall puts the native binary over the stub.
    private static readonly PinnedNpmCli Package = new(
        "Claude Code", "claude-code", PackageName, "claude", version => version.Split(' ', 2)[0], postinstallScript: "install.cjs");

    /// <summary>The repository's <c>tests/claude-code</c> folder, found from the test binaries' location.</summary>
    public static string PackageFolder => Package.PackageFolder;

    /// <summary>The exact version <c>tests/claude-code/package.json</c> pins.</summary>
    public static string PinnedVersion => Package.PinnedVersion;

    /// <summary>How long the install took in this test run (zero when it was already in place).</summary>
    public static TimeSpan InstallDuration => Package.InstallDuration;

    /// <summary>
    /// Installs the pinned CLI into <see cref="PackageFolder"/> unless it is already there, once per
    /// test run however many tests ask at the same time; returns the path of the <c>claude</c> executable.
    /// A failed install fails every test that needs it with the same message, without trying again.
    /// </summary>
    public static Task<string> EnsureInstalledAsync(CancellationToken cancellationToken) =>
        Package.EnsureInstalledAsync(cancellationToken);

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
        var outcome = await CliProcess.RunAsync(start, timeout ?? DefaultRunTimeout, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (outcome.TimedOut)
        {
            throw new TimeoutException(
                $"claude -p did not finish within {(timeout ?? DefaultRunTimeout).TotalSeconds:0} s and was killed.\n"
                + $"stdout:\n{outcome.StandardOutput}\nstderr:\n{outcome.StandardError}");
        }

        return new ClaudeCodeRun(outcome.ExitCode, outcome.StandardOutput, outcome.StandardError, ParseResult(outcome.StandardOutput), elapsed);
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
