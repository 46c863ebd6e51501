using System.Net;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>How the config file is written: through symlinks, with backups people can restore, under the lock, owner-only.</summary>
public sealed class ConfigFileSafetyTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_symlinked_config_stays_a_symlink_and_the_write_and_its_backup_go_beside_the_target()
    {
        using var folder = new TempFolder();
        var real = Path.Combine(folder.Path, "dotfiles", "claude-proxy.json");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, """{"upstream":[]}""");
        var link = Path.Combine(folder.Path, ".config", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, Path.Combine("..", "dotfiles", "claude-proxy.json"));
        var store = Open(link, TimeProvider.System);

        store.Update(config => ConfigEdits.AddChannel(config, Channel("ch_added")));

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Contains("ch_added", File.ReadAllText(real), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "dotfiles", "backups")));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(link)!, "*.tmp"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(real)!, "*.tmp"));
    }

    [Fact]
    public async Task A_symlinked_config_reloads_when_its_target_is_edited()
    {
        using var folder = new TempFolder();
        var real = Path.Combine(folder.Path, "dotfiles", "claude-proxy.json");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        await File.WriteAllTextAsync(real, """{"upstream":[]}""", Token);
        var link = Path.Combine(folder.Path, ".config", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, real);
        await using var gateway = await TestGateway.StartAsync(folder: folder);
        var changed = gateway.NextConfigChange();

        // An editor that follows the link writes the target; the link's folder sees no change.
        await File.WriteAllTextAsync(real, TestConfigs.Config(TestConfigs.ClaudeChannel(new Uri("https://api.anthropic.com"), "sk-ant-api03-k")), Token);

        var live = await changed.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Single(live.Upstream);
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Automatic_writes_never_push_the_backups_of_manual_edits_out()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider();
        var path = Path.Combine(folder.Path, "config.json");
        var store = Open(path, time);
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            store.Update(config => ConfigEdits.AddChannel(config, Channel($"ch_manual_{i}")));
        }

        var manualBackups = Directory.GetFiles(Path.Combine(folder.Path, "backups"));

        // Id assignment after a hand edit is an automatic write, as is key demotion.
        for (var i = 0; i < ConfigFileWriter.BackupsKept + 2; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            File.WriteAllText(path, $$"""{"upstream":[{"name":"hand-{{i}}","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["k"]}]}""");
            Assert.Equal(ConfigReloadOutcome.Applied, store.Reload());
        }

        Assert.Equal(3, manualBackups.Length);
        Assert.Equal(manualBackups.Order(StringComparer.Ordinal), Directory.GetFiles(Path.Combine(folder.Path, "backups")).Order(StringComparer.Ordinal));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder.Path, "backups", "auto")));
    }

    [Fact]
    public void Backups_made_within_one_millisecond_are_pruned_oldest_first()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        var store = Open(path, new FakeTimeProvider());

        // The clock stands still: every backup has the same time stamp.
        for (var i = 0; i < ConfigFileWriter.BackupsKept + 3; i++)
        {
            store.Update(config => ConfigEdits.AddChannel(config, Channel($"ch_{i:D2}")));
        }

        var kept = Directory.GetFiles(Path.Combine(folder.Path, "backups")).Select(File.ReadAllText).ToList();
        Assert.Equal(ConfigFileWriter.BackupsKept, kept.Count);
        Assert.Contains(kept, text => text.Contains("ch_11", StringComparison.Ordinal) && !text.Contains("ch_12", StringComparison.Ordinal));
        Assert.All(kept, text => Assert.Contains("ch_02", text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_id_assigning_write_after_a_reload_holds_the_cross_process_lock()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        var store = new ConfigStore(path, TimeProvider.System, NullLogger<ConfigStore>.Instance) { LockWait = TimeSpan.Zero };
        store.LoadOrCreate();
        const string HandEdit = """{"upstream":[{"name":"hand","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["k"]}]}""";
        File.WriteAllText(path, HandEdit);

        using (HoldLock(path))
        {
            Assert.Equal(ConfigReloadOutcome.Rejected, store.Reload());
            Assert.Equal(HandEdit, File.ReadAllText(path));
        }

        Assert.Equal(ConfigReloadOutcome.Applied, store.Reload());
        Assert.StartsWith("ch_", (string?)JsonNode.Parse(File.ReadAllText(path))!["upstream"]![0]!["id"], StringComparison.Ordinal);
    }

    [Fact]
    public void Creating_the_config_file_at_start_up_holds_the_cross_process_lock()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        var store = new ConfigStore(path, TimeProvider.System, NullLogger<ConfigStore>.Instance) { LockWait = TimeSpan.Zero };

        using (HoldLock(path))
        {
            Assert.Throws<IOException>(store.LoadOrCreate);
            Assert.False(File.Exists(path));
        }

        store.LoadOrCreate();
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Key_demotion_waiting_for_the_lock_leaves_the_request_alone_and_is_written_before_the_gateway_has_stopped()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(
            FakeReply.Json(429, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}"""),
            AnthropicFakes.Message("second key works"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "key-exhausted-0001", "key-working-00002")));
        var held = HoldLock(gateway.ConfigPath);
        using var client = gateway.CreateClient();

        using (var response = await client.PostAsync("/v1/messages", TestGateway.Json("""{"model":"m","max_tokens":1,"messages":[]}"""), Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Another process holds the lock until the shutdown begins; the stop must still wait for the write.
        gateway.App.Lifetime.ApplicationStopping.Register(held.Dispose);
        await gateway.App.StopAsync(Token);

        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath, Token))!;
        Assert.Equal(["key-working-00002", "key-exhausted-0001"], onDisk["upstream"]![0]!["apiKeys"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Config_file_backups_and_lock_are_written_owner_only()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        File.WriteAllText(path, """{"upstream":[]}""");
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var store = Open(path, TimeProvider.System);

        store.Update(config => ConfigEdits.AddChannel(config, Channel("ch_one")));

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "backups")))));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path + ".lock"));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_group_or_world_readable_config_file_gives_a_start_up_warning_naming_the_file_and_the_fix()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, ".config", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, """{"upstream":[]}""", Token);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var gateway = await TestGateway.StartAsync(folder: folder);

        var warning = Assert.Single(gateway.Logs.Lines, line => line.Contains("chmod 600", StringComparison.Ordinal));
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", warning, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task An_owner_only_config_file_gives_no_permission_warning()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, ".config", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, """{"upstream":[]}""", Token);
        File.SetUnixFileMode(path, OwnerOnly);

        await using var gateway = await TestGateway.StartAsync(folder: folder);

        Assert.DoesNotContain(gateway.Logs.Lines, line => line.Contains("chmod", StringComparison.Ordinal));
    }

    private static ConfigStore Open(string path, TimeProvider time)
    {
        var store = new ConfigStore(path, time, NullLogger<ConfigStore>.Instance);
        store.LoadOrCreate();
        return store;
    }

    /// <summary>The lock as another process (the CLI) holds it.</summary>
    private static FileStream HoldLock(string configPath) =>
        new(configPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    private static ChannelConfig Channel(string id) => new() { Id = id, Name = id, ServiceType = "claude", BaseUrl = "https://api.anthropic.com", ApiKeys = ["k-" + id] };
}
