using System.Text.Json.Nodes;
using Xunit;
using static ClaudeProxy.Tests.Cli.CliHarness;

namespace ClaudeProxy.Tests.Cli;

/// <summary><c>channels add|update|remove|enable|disable|use|reorder</c> change the file; <c>list|show</c> read it.</summary>
public sealed class ChannelCommandTests
{
    [Fact]
    public async Task Add_writes_every_field_given_as_an_option()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync(
            "channels", "add", "relay", "openai", "https://relay.example.com/v1",
            "--id", "ch_relay", "--key", KeyA, "-k", KeyB, "--description", "a relay", "--website", "https://relay.example.com",
            "--insecure-skip-verify", "--priority", "2", "--weight", "3", "--status", "disabled", "--auth-style", "bearer",
            "--model", "gpt-*", "--model", "o3", "--map", "sonnet=gpt-4o", "--map", "haiku=gpt-4o-mini",
            "--load-balance", "round-robin", "--max-tokens", "8192", "--max-concurrency", "4", "--rpm", "60", "--reasoning", "openai",
            "--system-messages-in-place", "--fold-system-messages", "false", "--forward-user-id", "false");

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        Assert.Contains("sk-ant…0001", run.Output, StringComparison.Ordinal);
        var channel = await cli.ChannelAsync(0);
        Assert.Equal("ch_relay", (string?)channel["id"]);
        Assert.Equal("relay", (string?)channel["name"]);
        Assert.Equal("openai", (string?)channel["serviceType"]);
        Assert.Equal("https://relay.example.com/v1", (string?)channel["baseUrl"]);
        Assert.Equal([KeyA, KeyB], channel["apiKeys"]!.AsArray().Select(k => (string?)k));
        Assert.Equal("a relay", (string?)channel["description"]);
        Assert.Equal("https://relay.example.com", (string?)channel["website"]);
        Assert.True((bool?)channel["insecureSkipVerify"]);
        Assert.Equal(2, (int?)channel["priority"]);
        Assert.Equal(3, (int?)channel["weight"]);
        Assert.Equal("disabled", (string?)channel["status"]);
        Assert.Equal("bearer", (string?)channel["authStyle"]);
        Assert.Equal(["gpt-*", "o3"], channel["models"]!.AsArray().Select(m => (string?)m));
        Assert.Equal("gpt-4o", (string?)channel["modelMapping"]!["sonnet"]);
        Assert.Equal("gpt-4o-mini", (string?)channel["modelMapping"]!["haiku"]);
        Assert.Equal("round-robin", (string?)channel["loadBalance"]);
        Assert.Equal(8192, (int?)channel["maxTokens"]);
        Assert.Equal(4, (int?)channel["maxConcurrency"]);
        Assert.Equal(60, (int?)channel["rpm"]);
        Assert.Equal("openai", (string?)channel["reasoning"]);
        Assert.True((bool?)channel["systemMessagesInPlace"]);
        Assert.False((bool?)channel["foldSystemMessages"]);
        Assert.False((bool?)channel["forwardUserId"]);
    }

    [Fact]
    public async Task Add_without_options_gets_a_generated_id_and_goes_last_with_a_backup_of_the_previous_file()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("channels", "add", "third", "claude", "https://third.example.com", "--json");

        run.Succeeded();
        var shown = run.Json();
        Assert.Equal(2, (int?)shown["index"]);
        Assert.StartsWith("ch_", (string?)shown["id"], StringComparison.Ordinal);
        var saved = await cli.ConfigJsonAsync();
        Assert.Equal(3, saved["upstream"]!.AsArray().Count);
        Assert.Equal((string?)shown["id"], (string?)saved["upstream"]![2]!["id"]);
        Assert.Equal(1, cli.BackupCount);
    }

    [Theory]
    [InlineData("https://x.example.com", "gemni", "serviceType")]
    [InlineData("not a url", "claude", "baseUrl")]
    [InlineData("https://x.example.com", "claude", "weight", "--weight", "0")]
    [InlineData("https://x.example.com", "claude", "status", "--status", "paused")]
    [InlineData("https://x.example.com", "claude", "reasoning", "--reasoning", "lots")]
    [InlineData("https://x.example.com", "claude", "rpm", "--rpm", "0")]
    [InlineData("https://x.example.com", "claude", "--map 'sonnet': expected source=target", "--map", "sonnet")]
    public async Task Add_refuses_an_invalid_value_naming_the_field_and_creates_no_file(string url, string type, string field, params string[] options)
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync(["channels", "add", "x", type, url, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(field, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.False(File.Exists(cli.ConfigPath));
    }

    [Fact]
    public async Task Add_with_an_id_in_use_is_a_conflict_and_changes_nothing()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var before = await cli.ConfigTextAsync();

        var run = await cli.RunAsync("channels", "add", "again", "claude", "https://api.anthropic.com", "--id", "ch_main");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("ch_main", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.ConfigTextAsync());
    }

    [Fact]
    public async Task Update_changes_only_the_fields_given()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("channels", "update", "main", "--description", "renewed", "--weight", "2", "--model", "claude-*");

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        var channel = await cli.ChannelAsync(0);
        Assert.Equal("renewed", (string?)channel["description"]);
        Assert.Equal(2, (int?)channel["weight"]);
        Assert.Equal(["claude-*"], channel["models"]!.AsArray().Select(m => (string?)m));
        Assert.Equal([KeyA, KeyB], channel["apiKeys"]!.AsArray().Select(k => (string?)k));
        Assert.Equal("main", (string?)channel["name"]);
        Assert.Equal("https://api.anthropic.com", (string?)channel["baseUrl"]);
        Assert.Equal("ch_main", (string?)channel["id"]);
        Assert.Equal(1, cli.BackupCount);
    }

    [Fact]
    public async Task Update_with_keys_replaces_the_list_and_a_masked_key_stands_for_the_real_one()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("channels", "update", "ch_main", "--key", "sk-ant…0002", "--key", KeyC);

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB, KeyC);
        Assert.Equal([KeyB, KeyC], (await cli.ChannelAsync(0))["apiKeys"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    public async Task Update_unset_removes_fields_so_their_defaults_apply()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("channels", "update", "1", "--unset", "modelMapping", "--name", "renamed");

        run.Succeeded();
        var channel = await cli.ChannelAsync(1);
        Assert.Null(channel["modelMapping"]);
        Assert.Equal("renamed", (string?)channel["name"]);
    }

    [Fact]
    public async Task Key_caps_are_set_shown_and_unset()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var set = await cli.RunAsync("channels", "update", "1", "--max-concurrency", "2", "--rpm", "50");
        var shown = await cli.RunAsync("channels", "show", "1");
        var unset = await cli.RunAsync("channels", "update", "1", "--unset", "maxConcurrency", "--unset", "rpm");
        var refused = await cli.RunAsync("channels", "update", "1", "--max-concurrency", "0");

        set.Succeeded();
        Assert.Contains("2 per key", shown.Output, StringComparison.Ordinal);
        Assert.Contains("50 per key", shown.Output, StringComparison.Ordinal);
        unset.Succeeded();
        var channel = await cli.ChannelAsync(1);
        Assert.Null(channel["maxConcurrency"]);
        Assert.Null(channel["rpm"]);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("maxConcurrency", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unset", "description", "--description", "both")]
    [InlineData("--unset", "name")]
    [InlineData("--weight", "-1")]
    [InlineData]
    public async Task Update_refuses_nothing_to_change_and_invalid_options_leaving_the_file_alone(params string[] options)
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var before = await cli.ConfigTextAsync();

        var run = await cli.RunAsync(["channels", "update", "main", .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Error);
        Assert.Equal(before, await cli.ConfigTextAsync());
        Assert.Equal(0, cli.BackupCount);
    }

    [Fact]
    public async Task Remove_takes_the_channel_out_and_keeps_current_on_the_same_channel()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels.Replace("\"currentUpstream\": 0", "\"currentUpstream\": 1", StringComparison.Ordinal));

        var run = await cli.RunAsync("channels", "remove", "main");

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        var saved = await cli.ConfigJsonAsync();
        Assert.Equal("ch_relay", (string?)Assert.Single(saved["upstream"]!.AsArray())!["id"]);
        Assert.Equal(0, (int?)saved["currentUpstream"]);
    }

    [Fact]
    public async Task Disable_and_enable_set_the_status()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        (await cli.RunAsync("channels", "disable", "relay")).Succeeded();
        Assert.Equal("disabled", (string?)(await cli.ChannelAsync(1))["status"]);
        var listed = (await cli.RunAsync("channels", "list", "--json")).Succeeded().Json();
        Assert.Equal("disabled", (string?)listed["channels"]![1]!["status"]);

        (await cli.RunAsync("channels", "enable", "relay")).Succeeded();
        Assert.Equal("active", (string?)(await cli.ChannelAsync(1))["status"]);
    }

    [Fact]
    public async Task Use_makes_a_channel_current()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("channels", "use", "relay", "--json");

        Assert.True((bool?)run.Succeeded().Json()["current"]);
        Assert.Equal(1, (int?)(await cli.ConfigJsonAsync())["currentUpstream"]);
    }

    [Fact]
    public async Task Use_with_priorities_gives_the_channel_the_lowest_priority()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        (await cli.RunAsync("channels", "update", "main", "--priority", "5")).Succeeded();
        (await cli.RunAsync("channels", "update", "relay", "--priority", "7")).Succeeded();

        (await cli.RunAsync("channels", "use", "relay")).Succeeded();

        Assert.Equal(4, (int?)(await cli.ChannelAsync(1))["priority"]);
    }

    [Fact]
    public async Task Reorder_takes_names_ids_and_positions_and_current_follows_its_channel()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        (await cli.RunAsync("channels", "add", "third", "claude", "https://third.example.com", "--id", "ch_third")).Succeeded();

        (await cli.RunAsync("channels", "reorder", "third", "ch_relay", "0")).Succeeded();

        var saved = await cli.ConfigJsonAsync();
        Assert.Equal(["ch_third", "ch_relay", "ch_main"], saved["upstream"]!.AsArray().Select(c => (string?)c!["id"]));
        Assert.Equal(2, (int?)saved["currentUpstream"]);
        Assert.Equal(2, (await cli.RunAsync("channels", "reorder", "third", "relay")).ExitCode);
    }

    [Fact]
    public async Task Use_on_a_responsesUpstream_channel_makes_it_that_list_s_current_and_show_spells_out_a_gemini_channel_s_signature_options()
    {
        using var cli = await CliHarness.WithConfigAsync("""
            {"upstream":[{"id":"ch_m","name":"m","serviceType":"claude","baseUrl":"https://m.example.com","apiKeys":["sk-ant-api03-m-000000000000"]}],
             "responsesUpstream":[{"id":"ch_r1","name":"r1","serviceType":"responses","baseUrl":"https://r1.example.com","apiKeys":["sk-r1-000000000000"]},
                                  {"id":"ch_r2","name":"r2","serviceType":"responses","baseUrl":"https://r2.example.com","apiKeys":["sk-r2-000000000000"]}],
             "geminiUpstream":[{"id":"ch_g","name":"g","serviceType":"gemini","baseUrl":"https://g.example.com","apiKeys":["AIza-000000000000"],"stripThoughtSignature":true}]}
            """);

        (await cli.RunAsync("channels", "use", "r2")).Succeeded();
        var shown = await cli.RunAsync("channels", "show", "g");

        var saved = await cli.ConfigJsonAsync();
        Assert.Equal(1, (int?)saved["currentResponsesUpstream"]);
        Assert.Equal(0, (int?)saved["currentUpstream"] ?? 0);
        shown.Succeeded();
        Assert.Matches(@"injectDummyThoughtSignature\s+false \(default\)", shown.Output);
        Assert.Matches(@"stripThoughtSignature\s+true", shown.Output);
    }

    [Theory]
    [InlineData("channels", "show", "nope")]
    [InlineData("channels", "show", "7")]
    [InlineData("channels", "update", "nope", "--weight", "2")]
    [InlineData("channels", "remove", "nope")]
    [InlineData("channels", "enable", "nope")]
    [InlineData("channels", "disable", "nope")]
    [InlineData("channels", "use", "nope")]
    [InlineData("keys", "list", "nope")]
    [InlineData("keys", "add", "nope", "sk-some-key-000000000000")]
    [InlineData("mapping", "set", "nope", "sonnet", "gpt-4o")]
    public async Task An_unknown_channel_is_not_found_and_changes_nothing(params string[] args)
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var before = await cli.ConfigTextAsync();

        var run = await cli.RunAsync(args);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("no channel", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.ConfigTextAsync());
    }

    [Fact]
    public async Task A_name_two_channels_share_is_ambiguous()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels.Replace("\"name\":\"relay\"", "\"name\":\"Main\"", StringComparison.Ordinal));

        var run = await cli.RunAsync("channels", "show", "main");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("id or position", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_every_channel_with_masked_keys()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("channels", "list");

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        Assert.Contains(cli.ConfigPath, run.Output, StringComparison.Ordinal);
        Assert.Contains("loadBalance  failover", run.Output, StringComparison.Ordinal);
        Assert.Contains("[0] main  (ch_main)  claude  active, current", run.Output, StringComparison.Ordinal);
        // An active channel without keys has nothing to send with: it shows, and routes, as suspended.
        Assert.Contains("[1] relay  (ch_relay)  openai  suspended", run.Output, StringComparison.Ordinal);
        Assert.Contains("[0] sk-ant…0001  [1] sk-ant…0002", run.Output, StringComparison.Ordinal);
        Assert.Contains("sonnet → gpt-4o", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_marks_as_current_the_channel_routing_tries_first_when_priorities_are_set()
    {
        // Priorities outrank currentUpstream: relay (priority 0) is tried first although currentUpstream names main.
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var config = await cli.ConfigJsonAsync();
        config["upstream"]![0]!["priority"] = 5;
        config["upstream"]![1]!["priority"] = 0;
        config["upstream"]![1]!["apiKeys"] = new JsonArray("sk-relay-0123456789");
        await File.WriteAllTextAsync(cli.ConfigPath, config.ToJsonString(), TestContext.Current.CancellationToken);

        var json = (await cli.RunAsync("channels", "list", "--json")).Succeeded().Json();
        var text = (await cli.RunAsync("channels", "list")).Succeeded().Output;

        Assert.False((bool?)json["channels"]![0]!["current"]);
        Assert.True((bool?)json["channels"]![1]!["current"]);
        Assert.Contains("[1] relay  (ch_relay)  openai  active, current", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[0] main  (ch_main)  claude  active, current", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_as_json_is_parseable_and_masks_keys()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("channels", "list", "--json");

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        var json = run.Json();
        Assert.Equal(cli.ConfigPath, (string?)json["configPath"]);
        Assert.Equal("failover", (string?)json["loadBalance"]);
        Assert.Equal(0, (int?)json["currentUpstream"]);
        var main = json["channels"]![0]!;
        Assert.Equal(["sk-ant…0001", "sk-ant…0002"], main["apiKeys"]!.AsArray().Select(k => (string?)k));
        Assert.Equal(2, (int?)main["keyCount"]);
        Assert.True((bool?)main["current"]);
        Assert.Equal("gpt-4o", (string?)json["channels"]![1]!["modelMapping"]!["sonnet"]);
    }

    [Fact]
    public async Task List_of_a_missing_file_is_empty_and_creates_nothing()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("channels", "list", "--json");

        Assert.Empty(run.Succeeded().Json()["channels"]!.AsArray());
        Assert.False(File.Exists(cli.ConfigPath));
    }

    [Theory]
    [InlineData("ch_relay")]
    [InlineData("1")]
    [InlineData("RELAY")]
    public async Task Show_finds_a_channel_by_id_position_or_name(string reference)
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var text = await cli.RunAsync("channels", "show", reference);
        var json = await cli.RunAsync("channels", "show", reference, "--json");

        Assert.Contains("ch_relay", text.Succeeded().Output, StringComparison.Ordinal);
        Assert.Contains("1 (default)", text.Output, StringComparison.Ordinal);
        Assert.Equal("ch_relay", (string?)json.Succeeded().Json()["id"]);
        Assert.Equal(1, (int?)json.Json()["index"]);
    }

    [Fact]
    public async Task Show_of_a_claude_proxy_file_works_by_position_before_ids_exist()
    {
        using var cli = await CliHarness.WithConfigAsync($$"""{"upstream":[{"name":"seed","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["{{KeyA}}"]}],"currentUpstream":0,"loadBalance":"round-robin"}""");
        var before = await cli.ConfigTextAsync();

        var run = await cli.RunAsync("channels", "show", "0", "--json");

        Assert.Equal("seed", (string?)run.Succeeded().Json()["name"]);
        Assert.Null(run.Json()["id"]);
        Assert.Equal(before, await cli.ConfigTextAsync());
        run.ShowsNoRawKey(KeyA);
    }

    [Fact]
    public async Task An_edit_to_a_broken_file_fails_with_its_problems_and_leaves_it_alone()
    {
        const string Broken = "{\n  \"upstream\": [\n    {\"serviceType\":\"claude\",\"baseUrl\":\"ftp://nope\"}\n  ]\n}\n";
        using var cli = await CliHarness.WithConfigAsync(Broken);

        var run = await cli.RunAsync("channels", "add", "x", "claude", "https://api.anthropic.com");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("config.json:3:", run.Error, StringComparison.Ordinal);
        Assert.Equal(Broken, await cli.ConfigTextAsync());
    }

    [Fact]
    public async Task Json_output_of_an_add_is_the_channel_as_the_file_now_holds_it()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("channels", "add", "a", "claude", "https://api.anthropic.com", "--key", KeyA, "--json");

        run.Succeeded().ShowsNoRawKey(KeyA);
        var shown = run.Json();
        var saved = await cli.ChannelAsync(0);
        Assert.Equal((string?)saved["id"], (string?)shown["id"]);
        Assert.Equal("sk-ant…0001", (string?)shown["apiKeys"]![0]);
    }
}
