using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>The config store as two processes (the server and the CLI) share one file.</summary>
public sealed class ConfigStoreTests
{
    private static ConfigStore Open(string path)
    {
        var store = new ConfigStore(path, TimeProvider.System, NullLogger<ConfigStore>.Instance);
        store.LoadOrCreate();
        return store;
    }

    private static ChannelConfig Channel(string id) => new() { Id = id, Name = id, ServiceType = "claude", BaseUrl = "https://api.anthropic.com", ApiKeys = ["k-" + id] };

    [Fact]
    public void An_edit_starts_from_what_another_process_wrote_so_neither_change_is_lost()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        var server = Open(path);
        var cli = Open(path);

        cli.Update(config => ConfigEdits.AddChannel(config, Channel("ch_from_cli")));
        // The server's watcher has not caught up: its snapshot still lacks the CLI's channel.
        server.Update(config => ConfigEdits.AddChannel(config, Channel("ch_from_server")));

        var onDisk = Open(path).Current;
        Assert.Equal(["ch_from_cli", "ch_from_server"], onDisk.Upstream.Select(c => c.Id));
        Assert.Equal(["ch_from_cli", "ch_from_server"], server.Current.Upstream.Select(c => c.Id));
    }

    [Fact]
    public void Parallel_edits_from_two_stores_all_land()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        var first = Open(path);
        var second = Open(path);

        Parallel.For(0, 40, i => (i % 2 == 0 ? first : second).Update(config => ConfigEdits.AddChannel(config, Channel($"ch_{i:D2}"))));

        Assert.Equal(40, Open(path).Current.Upstream.Count);
    }

    [Fact]
    public void A_new_config_file_starts_with_sticky_keys_and_a_file_that_names_no_strategy_keeps_failover()
    {
        using var folder = new TempFolder();
        var created = Path.Combine(folder.Path, "created.json");
        var older = Path.Combine(folder.Path, "claude-proxy.json");
        File.WriteAllText(older, """{"upstream":[]}""");

        var fresh = Open(created);
        var loaded = Open(older);

        Assert.Equal("sticky", fresh.Current.LoadBalance);
        Assert.Contains("\"loadBalance\": \"sticky\"", File.ReadAllText(created), StringComparison.Ordinal);
        Assert.Equal("failover", loaded.Current.LoadBalance);
    }

    [Fact]
    public void A_rejected_edit_leaves_the_file_and_the_live_config_untouched()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        var store = Open(path);
        store.Update(config => ConfigEdits.AddChannel(config, Channel("ch_one")));
        var before = File.ReadAllBytes(path);

        Assert.Throws<ConfigFileException>(() => store.Update(config => config with { LoadBalance = "fastest" }));
        Assert.Throws<InvalidOperationException>(() => store.Update(_ => throw new InvalidOperationException("edit failed")));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal("sticky", store.Current.LoadBalance);
        Assert.Single(store.Current.Upstream);
    }
}
