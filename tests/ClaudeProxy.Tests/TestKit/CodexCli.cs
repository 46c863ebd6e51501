using System.Diagnostics;
using System.Text;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// The real Codex CLI (npm <c>@openai/codex</c>, pinned in <c>tests/codex</c>), installed on first
/// use and run with <c>codex exec</c> against a Responses API server, fully offline.
/// </summary>
/// <remarks>
/// <para>
/// The npm package holds only <c>bin/codex.js</c>, a node launcher; the native binary comes in the
/// platform's optional dependency (<c>@openai/codex-linux-x64</c> is <c>@openai/codex@0.169.0-linux-x64</c>
/// under an alias), which the launcher finds with <c>require.resolve</c>. Neither package has an
/// install script, so <c>npm ci --ignore-scripts</c> is the whole install.
/// </para>
/// <para>
/// Each run gets a fresh HOME and <c>CODEX_HOME</c> whose <c>config.toml</c> names the server as the
/// one model provider. Besides that server Codex 0.169 reaches out only to sync its curated plugins
/// (git and HTTPS to github.com, then chatgpt.com); <c>features.plugins</c> and <c>features.apps</c>
/// off stop that, and the update check and analytics are off too.
/// </para>
/// </remarks>
public static class CodexCli
{
    public const string PackageName = "@openai/codex";

    /// <summary>The variable the run's <c>config.toml</c> tells Codex to read its key from (<c>env_key</c>).</summary>
    public const string AccessKeyVariable = "CLAUDE_PROXY_ACCESS_KEY";

    /// <summary>How long one <c>codex exec</c> run may take before its process tree is killed.</summary>
    public static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromSeconds(120);

    // "codex-cli 0.169.0"
    private static readonly PinnedNpmCli Package = new(
        "Codex", "codex", PackageName, "codex", version => version.Split(' ')[^1]);

    /// <summary>The repository's <c>tests/codex</c> folder, found from the test binaries' location.</summary>
    public static string PackageFolder => Package.PackageFolder;

    /// <summary>The exact version <c>tests/codex/package.json</c> pins.</summary>
    public static string PinnedVersion => Package.PinnedVersion;

    /// <summary>How long the install took in this test run (zero when it was already in place).</summary>
    public static TimeSpan InstallDuration => Package.InstallDuration;

    /// <summary>
    /// Installs the pinned CLI into <see cref="PackageFolder"/> unless it is already there, once per
    /// test run; returns the path of the <c>codex</c> executable.
    /// </summary>
    public static Task<string> EnsureInstalledAsync(CancellationToken cancellationToken) =>
        Package.EnsureInstalledAsync(cancellationToken);

    /// <summary>
    /// Runs <c>codex exec --skip-git-repo-check --color never --output-last-message FILE prompt</c>
    /// with <paramref name="model"/> from a provider at <paramref name="gatewayBaseUrl"/><c>/v1</c>
    /// (Responses API, no retries) that gets <paramref name="accessKey"/> as its bearer token. It
    /// runs in a fresh HOME, CODEX_HOME and working folder, with stdin closed, no approvals and no
    /// sandbox, and only PATH, HOME, CODEX_HOME and the key variable set. A run that outlives
    /// <paramref name="timeout"/> is killed with its children.
    /// </summary>
    public static async Task<CodexRun> RunAsync(
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
        var codexHome = Directory.CreateDirectory(Path.Combine(sandbox.Path, "codex-home")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(sandbox.Path, "work")).FullName;
        var lastMessageFile = Path.Combine(sandbox.Path, "last-message.txt");
        await File.WriteAllTextAsync(
            Path.Combine(codexHome, "config.toml"),
            Config(new Uri(gatewayBaseUrl.ToString().TrimEnd('/') + "/v1"), model),
            cancellationToken);

        var start = new ProcessStartInfo(executable) { WorkingDirectory = work };
        foreach (var arg in new[] { "exec", "--skip-git-repo-check", "--color", "never", "--output-last-message", lastMessageFile, prompt })
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing else: no RUST_LOG, no proxy or certificate settings, no OPENAI_* variables.
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "";
        start.Environment["HOME"] = home;
        start.Environment["CODEX_HOME"] = codexHome;
        start.Environment[AccessKeyVariable] = accessKey;

        var started = Stopwatch.GetTimestamp();
        var outcome = await CliProcess.RunAsync(start, timeout ?? DefaultRunTimeout, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (outcome.TimedOut)
        {
            throw new TimeoutException(
                $"codex exec did not finish within {(timeout ?? DefaultRunTimeout).TotalSeconds:0} s and was killed.\n"
                + $"stdout:\n{outcome.StandardOutput}\nstderr:\n{outcome.StandardError}");
        }

        var lastMessage = File.Exists(lastMessageFile) ? await File.ReadAllTextAsync(lastMessageFile, cancellationToken) : null;
        return new CodexRun(outcome.ExitCode, outcome.StandardOutput, outcome.StandardError, lastMessage, elapsed);
    }

    /// <summary>The run's <c>config.toml</c>: the server as the only provider, nothing that reaches elsewhere.</summary>
    public static string Config(Uri providerBaseUrl, string model)
    {
        ArgumentNullException.ThrowIfNull(providerBaseUrl);
        return $"""
            model = {Toml(model)}
            model_provider = "gateway"
            approval_policy = "never"
            sandbox_mode = "danger-full-access"
            check_for_update_on_startup = false

            [analytics]
            enabled = false

            [features]
            plugins = false
            apps = false

            [model_providers.gateway]
            name = "ClaudeProxy"
            base_url = {Toml(providerBaseUrl.ToString())}
            env_key = "{AccessKeyVariable}"
            wire_api = "responses"
            request_max_retries = 0
            stream_max_retries = 0

            """;
    }

    // A TOML basic string.
    private static string Toml(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                < ' ' or '\u007f' => text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }
}

/// <summary>
/// What one <c>codex exec</c> run produced. <c>LastMessage</c> is what <c>--output-last-message</c>
/// wrote: empty when the run ended without an agent message, null when the file was not written.
/// </summary>
public sealed record CodexRun(int ExitCode, string StandardOutput, string StandardError, string? LastMessage, TimeSpan Elapsed)
{
    /// <summary>Everything about the run, for assertion messages.</summary>
    public override string ToString() =>
        $"codex exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nlast message: {LastMessage ?? "(none)"}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
