using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>A file claude-proxy wrote, kept through the store's writes: only what the gateway changes changes.</summary>
public sealed class ConfigFileLayoutTests
{
    [Fact]
    public void A_go_written_file_gains_only_its_channel_ids_and_a_no_op_edit_rewrites_the_same_bytes()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        File.WriteAllText(path, GoConfigFiles.Original);

        var store = Open(path);
        var ids = store.Current.Upstream.Select(c => c.Id!).ToArray();
        var withIds = GoConfigFiles.WithIds(ids[0], ids[1], ids[2]);
        Assert.Equal(withIds, File.ReadAllText(path));

        store.Update(config => config with { Upstream = [.. config.Upstream] }, ConfigWriteKind.Automatic);
        Assert.Equal(withIds, File.ReadAllText(path));

        store.Update(config => ConfigEdits.SetStatus(config, 1, ChannelStatus.Active));
        Assert.Equal(withIds.Replace("\"status\": \"suspended\"", "\"status\": \"active\"", StringComparison.Ordinal), File.ReadAllText(path));
    }

    [Fact]
    public void A_hand_edit_keeps_its_text_when_the_gateway_adds_the_new_channels_id_and_edits_after_it()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        File.WriteAllText(path, GoConfigFiles.WithFixedIds);
        var store = Open(path);
        var handEdited = "// gemini added by hand\n" + GoConfigFiles.WithFixedIds.Replace(
            "\"geminiUpstream\": [],",
            "\"geminiUpstream\": [\n    {\"name\": \"gem\", \"serviceType\": \"gemini\", \"baseUrl\": \"https://gemini.example.com\", \"apiKeys\": [\"g-1\"]}\n  ],",
            StringComparison.Ordinal);
        File.WriteAllText(path, handEdited);

        Assert.Equal(ConfigReloadOutcome.Applied, store.Reload());
        var id = store.Current.Upstream[^1].Id;
        var withId = handEdited.Replace("\"apiKeys\": [\"g-1\"]}", $"\"apiKeys\": [\"g-1\"], \"id\": \"{id}\"}}", StringComparison.Ordinal);
        Assert.Equal(withId, File.ReadAllText(path));

        store.Update(config => ConfigEdits.ReplaceChannel(config, 3, config.Upstream[3] with { Name = "双子" }));
        Assert.Equal(withId.Replace("\"name\": \"gem\"", "\"name\": \"双子\"", StringComparison.Ordinal), File.ReadAllText(path));
    }

    private static ConfigStore Open(string path)
    {
        var store = new ConfigStore(path, TimeProvider.System, NullLogger<ConfigStore>.Instance);
        store.LoadOrCreate();
        return store;
    }
}
