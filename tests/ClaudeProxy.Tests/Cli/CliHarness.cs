using System.Text.Json.Nodes;
using ClaudeProxy.Cli;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Cli;

/// <summary>Runs <c>claude-proxy</c> commands in-process against a config file of its own, capturing stdout and stderr.</summary>
public sealed class CliHarness : IDisposable
{
    public const string KeyA = "sk-ant-api03-alpha-0000000000000000000000001";
    public const string KeyB = "sk-ant-api03-bravo-0000000000000000000000002";
    public const string KeyC = "sk-proj-charlie-00000000000000000000000000003";

    /// <summary>Two channels: <c>main</c> (claude, keys A and B, current) and <c>relay</c> (openai, no key).</summary>
    public static readonly string TwoChannels = $$$"""
        {
          "upstream": [
            {"id":"ch_main","name":"main","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["{{{KeyA}}}","{{{KeyB}}}"],"description":"first"},
            {"id":"ch_relay","name":"relay","serviceType":"openai","baseUrl":"https://relay.example.com/v1","apiKeys":[],"modelMapping":{"sonnet":"gpt-4o"}}
          ],
          "currentUpstream": 0,
          "loadBalance": "failover"
        }
        """;

    private readonly TempFolder _folder = new();

    public string FolderPath => _folder.Path;

    public string ConfigPath => Path.Combine(_folder.Path, ".config", "config.json");

    public string BackupFolder => Path.Combine(_folder.Path, ".config", "backups");

    /// <summary>What the next commands read from stdin.</summary>
    public string Input { get; set; } = "";

    /// <summary>The clock the next commands see.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Stops the next commands that wait (<c>logs --follow</c>), as Ctrl+C would.</summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>Where the next commands write stdout; a fresh writer when null.</summary>
    public StringWriter? Output { get; set; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<CliHarness> WithConfigAsync(string json)
    {
        var harness = new CliHarness();
        Directory.CreateDirectory(Path.GetDirectoryName(harness.ConfigPath)!);
        await File.WriteAllTextAsync(harness.ConfigPath, json, Token);
        return harness;
    }

    /// <summary>Runs a command with <c>--config</c> pointing at this harness's file.</summary>
    public Task<CliRun> RunAsync(params string[] args) => RunWithoutConfigAsync([.. args, "--config", ConfigPath]);

    /// <summary>Runs a command exactly as given; <paramref name="variables"/> stand for the environment.</summary>
    public async Task<CliRun> RunWithoutConfigAsync(string[] args, IReadOnlyDictionary<string, string>? variables = null)
    {
        using var fresh = new StringWriter();
        var output = Output ?? fresh;
        using var error = new StringWriter();
        var console = new CliConsole(new StringReader(Input), output, error, name => variables?.GetValueOrDefault(name)) { Clock = Clock };
        var exitCode = await GatewayCli.RunAsync(args, console, Cancellation);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public async Task<string> ConfigTextAsync() => await File.ReadAllTextAsync(ConfigPath, Token);

    public async Task<JsonNode> ConfigJsonAsync() => JsonNode.Parse(await ConfigTextAsync())!;

    public async Task<JsonNode> ChannelAsync(int index) => (await ConfigJsonAsync())["upstream"]![index]!;

    public int BackupCount => Directory.Exists(BackupFolder) ? Directory.GetFiles(BackupFolder).Length : 0;

    public void Dispose() => _folder.Dispose();
}

public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public JsonNode Json() => JsonNode.Parse(Output) ?? throw new InvalidOperationException("stdout held JSON null");

    /// <summary>Asserts the run succeeded, showing stderr when it did not.</summary>
    public CliRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}");
        return this;
    }

    /// <summary>Asserts that none of the raw keys appears in stdout or stderr.</summary>
    public void ShowsNoRawKey(params string[] keys)
    {
        foreach (var key in keys)
        {
            Assert.DoesNotContain(key, Output, StringComparison.Ordinal);
            Assert.DoesNotContain(key, Error, StringComparison.Ordinal);
        }
    }
}
