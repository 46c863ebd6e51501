using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Security;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Upgrades;

/// <summary>
/// A new version started on an old <c>.config/</c> folder keeps everything in it. Each layout is a folder as an
/// earlier build left it (<see cref="OldConfigFolder"/>, <c>Upgrades/fixtures/</c>); the gateway runs as its own
/// process (in CI the Native AOT binary) without PROXY_ACCESS_KEY, so the kept <c>access-key</c> file decides the key.
/// </summary>
public sealed class UpgradeTests
{
    private const string Messages = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Layouts => new(OldConfigFolder.Layouts);

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task The_kept_access_key_and_channels_are_used_as_they_are_and_neither_file_is_rewritten(string layout)
    {
        using var work = new TempFolder();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("served after the upgrade"));
        var old = OldConfigFolder.Create(layout, work.Path, Urls(upstream), DateTimeOffset.UtcNow);
        var keptChannels = JsonNode.Parse(old.ConfigBytes)!["upstream"]!.AsArray();
        var keptKeys = keptChannels.SelectMany(c => c!["apiKeys"]!.AsArray().Select(k => (string)k!)).ToList();
        await using var gateway = GatewayProcess.Start(work.Path, Environment());
        using var client = Client(await gateway.WaitUntilListeningAsync(Token), old.AccessKey);

        Assert.Contains($"{SecretMask.Mask(old.AccessKey)}  (full key in ", gateway.Output, StringComparison.Ordinal);
        using (var stranger = Client(client.BaseAddress!, AccessKeyProvider.Generate()))
        using (var refused = await stranger.GetAsync("/api/channels", Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var listed = await client.GetAsync("/api/channels", Token))
        {
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            var body = await listed.Content.ReadAsStringAsync(Token);
            var channels = JsonNode.Parse(body)!["channels"]!.AsArray();
            Assert.Equal(keptChannels.Select(c => (string?)c!["id"]), channels.Select(c => (string?)c!["id"]));
            Assert.Equal(keptChannels.Select(c => (string?)c!["name"]), channels.Select(c => (string?)c!["name"]));
            var shownKeys = channels.SelectMany(c => c!["apiKeys"]!.AsArray().Select(k => (string)k!)).ToList();
            Assert.Equal(keptKeys.Select(SecretMask.Mask), shownKeys);
            Assert.All(keptKeys, key => Assert.DoesNotContain(key, body, StringComparison.Ordinal));
        }

        using (var answered = await client.PostAsync("/v1/messages", TestGateway.Json(Messages), Token))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        // A key of the kept first channel, sent the way its authStyle says.
        var firstChannelKeys = keptChannels[0]!["apiKeys"]!.AsArray().Select(k => (string?)k);
        Assert.Contains(Assert.Single(upstream.Requests).Headers["x-api-key"], firstChannelKeys);
        await StopAsync(gateway);
        Assert.Equal(old.ConfigBytes, await File.ReadAllBytesAsync(old.ConfigPath, Token));
        Assert.Equal(old.AccessKeyBytes, await File.ReadAllBytesAsync(old.AccessKeyPath, Token));
        Assert.Empty(Directory.GetFiles(old.Path, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OldConfigFolder.OwnerOnly, File.GetUnixFileMode(old.ConfigPath));
            Assert.Equal(OldConfigFolder.OwnerOnly, File.GetUnixFileMode(old.AccessKeyPath));
            Assert.Equal(OldConfigFolder.OwnerOnly, File.GetUnixFileMode(old.UsageDbPath));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task The_kept_request_log_is_listed_and_counted_as_stored_and_a_new_request_is_logged_beside_it_in_the_same_file(string layout)
    {
        using var work = new TempFolder();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("served after the upgrade", inputTokens: 40, outputTokens: 7));
        var old = OldConfigFolder.Create(layout, work.Path, Urls(upstream), DateTimeOffset.UtcNow);
        var kept = OldConfigFolder.ReadRows(old.UsageDbPath);
        Assert.Equal(3, kept.Count);
        await using var gateway = GatewayProcess.Start(work.Path, Environment());
        using var client = Client(await gateway.WaitUntilListeningAsync(Token), old.AccessKey);

        Assert.Equal(kept, await LogsAsync(client, ""));
        var before = await TotalsAsync(client);
        Assert.Equal(kept.Count, (long)before["requests"]!);
        Assert.Equal(kept.Count(r => r.Status >= 400), (long)before["errors"]!);
        Assert.Equal(kept.Sum(r => r.InputTokens), (long)before["inputTokens"]!);
        Assert.Equal(kept.Sum(r => r.CacheReadTokens), (long)before["cacheReadTokens"]!);
        Assert.Equal(kept.Sum(r => r.CostUsd ?? 0), (double)before["costUsd"]!, 1e-9);

        using (var events = await client.GetAsync("/api/events?types=request", HttpCompletionOption.ResponseHeadersRead, Token))
        {
            using var stream = new SseTestReader(await events.Content.ReadAsStreamAsync(Token));
            // The ": connected" comment: the gateway has subscribed this stream.
            var connected = await stream.NextAsync(Token);
            Assert.NotNull(connected);
            Assert.Null(connected.Event);
            using (var answered = await client.PostAsync("/v1/messages", TestGateway.Json(Messages), Token))
            {
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }

            // Sent once the writer has stored the request.
            Assert.Equal("request", (await stream.NextAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token))?.Event);
        }

        var logs = await LogsAsync(client, "");
        var added = logs[0];
        Assert.Equal(kept, logs.Skip(1));
        Assert.True(added.Id > kept.Max(r => r.Id), $"the new row's id {added.Id} follows the kept ones");
        Assert.Equal(("claude-sonnet-4-5", "anthropic-main", "ch_k3v9x2m7qa", 200, 40L, 7L), (added.Model, added.Channel, added.ChannelId, added.Status, added.InputTokens, added.OutputTokens));
        Assert.Equal(logs, await LogsAsync(client, "&channel=ch_k3v9x2m7qa"));
        var after = await TotalsAsync(client);
        Assert.Equal(kept.Count + 1, (long)after["requests"]!);
        Assert.Equal(kept.Sum(r => r.InputTokens) + 40, (long)after["inputTokens"]!);

        await StopAsync(gateway);
        Assert.Equal(logs, OldConfigFolder.ReadRows(old.UsageDbPath));
        using var file = OldConfigFolder.Open(old.UsageDbPath);
        Assert.Equal("ok", Scalar(file, "PRAGMA integrity_check"));
        Assert.Equal(3L, Scalar(file, "PRAGMA user_version"));
        // The kept rows name no instance; the new one names the gateway that served it.
        Assert.Equal(kept.Count, Convert.ToInt32(Scalar(file, "SELECT count(*) FROM requests WHERE instance IS NULL"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("upgraded-gw", Scalar(file, $"SELECT instance FROM requests WHERE id = {added.Id}"));
        // Every row, kept or new, carries the packed figures a stats pass reads.
        Assert.Equal((long)logs.Count, Scalar(file, "SELECT count(*) FROM requests WHERE length(stats) = 72"));
    }

    private static Dictionary<string, Uri> Urls(FakeUpstream upstream) => new() { ["anthropic"] = upstream.BaseUrl };

    private static Dictionary<string, string> Environment() => new() { ["HOST"] = "127.0.0.1", ["PORT"] = "0", ["INSTANCE_ID"] = "upgraded-gw" };

    private static HttpClient Client(Uri baseUrl, string key)
    {
        var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Add("x-api-key", key);
        return client;
    }

    private static async Task StopAsync(GatewayProcess gateway)
    {
        await gateway.SignalAsync("TERM", Token);
        Assert.Equal(0, await gateway.WaitForExitAsync(Token));
    }

    private static async Task<List<LoggedRequest>> LogsAsync(HttpClient client, string filter)
    {
        var page = await JsonAsync(client, "/api/logs?limit=100" + filter);
        Assert.Null(page["next"]);
        return [.. page["items"]!.AsArray().Select(item => OldConfigFolder.FromApi(item!))];
    }

    private static async Task<JsonNode> TotalsAsync(HttpClient client) => (await JsonAsync(client, "/api/stats?window=24h"))["totals"]!;

    private static async Task<JsonNode> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(Encoding.UTF8.GetBytes(body))!;
    }

    private static object? Scalar(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
