using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static ClaudeProxy.Tests.Usage.UsageEntries;

namespace ClaudeProxy.Tests.Usage;

/// <summary>The usage API over HTTP: the JSON shapes the panel reads, filters, paging, 400s and the CSV exports.</summary>
public sealed class UsageApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task RecordAsync(TestGateway gateway, params RequestLogEntry[] entries)
    {
        var recorder = gateway.App.Services.GetRequiredService<IUsageRecorder>();
        foreach (var entry in entries)
        {
            recorder.Record(entry);
        }

        await gateway.App.Services.GetRequiredService<UsageWriter>().FlushAsync().WaitAsync(Token);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Token);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!);
    }

    [Fact]
    public async Task A_log_item_carries_every_contract_field_in_camel_case()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();
        var now = DateTimeOffset.UtcNow;
        await RecordAsync(gateway, Entry(time: now, status: 429, errorType: "rate_limit_error", cacheRead: 5, cacheCreation: 6));

        var (status, body) = await GetJsonAsync(client, "/api/logs");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["next"]);
        var item = body["items"]!.AsArray().Single()!.AsObject();
        string[] fields =
        [
            "id", "time", "requestId", "path", "model", "mappedModel", "channel", "channelId", "serviceType", "key", "status", "errorType",
            "errorMessage", "stream", "latencyMs", "ttfbMs", "inputTokens", "outputTokens", "cacheReadTokens", "cacheCreationTokens", "costUsd",
            "attempts", "instance",
        ];
        Assert.Equal(fields.Order(StringComparer.Ordinal), item.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(1, (long)item["id"]!);
        Assert.Equal(now.ToUnixTimeMilliseconds(), DateTimeOffset.Parse((string)item["time"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        Assert.Equal(("alpha", "ch_alpha", "sk-a…1111", 429, "rate_limit_error"), ((string?)item["channel"], (string?)item["channelId"], (string?)item["key"], (int)item["status"]!, (string?)item["errorType"]));
        Assert.Equal((5L, 6L, true), ((long)item["cacheReadTokens"]!, (long)item["cacheCreationTokens"]!, (bool)item["stream"]!));
        var attempt = item["attempts"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["channel", "errorType", "key", "latencyMs", "status"], attempt.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Logs_filter_and_page_with_the_next_cursor()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();
        var now = DateTimeOffset.UtcNow;
        await RecordAsync(gateway, [.. Enumerable.Range(0, 5).Select(i => Entry(time: now.AddSeconds(i))), Entry(time: now, channel: "beta", channelId: "ch_beta", status: 500, errorType: "api_error")]);

        var (_, first) = await GetJsonAsync(client, "/api/logs?limit=2&channel=alpha");
        var (_, second) = await GetJsonAsync(client, $"/api/logs?limit=2&channel=alpha&before={(long)first["next"]!}");
        var (_, beta) = await GetJsonAsync(client, "/api/logs?channel=ch_beta&status=500&errorType=api_error");
        var (_, none) = await GetJsonAsync(client, $"/api/logs?since={Uri.EscapeDataString(now.AddMinutes(1).ToString("O"))}");

        Assert.Equal([5L, 4L], first["items"]!.AsArray().Select(i => (long)i!["id"]!));
        Assert.Equal([3L, 2L], second["items"]!.AsArray().Select(i => (long)i!["id"]!));
        Assert.Equal(6L, (long)beta["items"]!.AsArray().Single()!["id"]!);
        Assert.Empty(none["items"]!.AsArray());
    }

    [Fact]
    public async Task One_log_entry_by_id_includes_stored_bodies_and_a_missing_one_is_404()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();
        await RecordAsync(gateway, Entry(time: DateTimeOffset.UtcNow, requestBody: "{\"model\":\"m\"}"));

        var (status, item) = await GetJsonAsync(client, "/api/logs/1");
        var (listStatus, list) = await GetJsonAsync(client, "/api/logs");
        var (missing, error) = await GetJsonAsync(client, "/api/logs/42");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"model\":\"m\"}", (string?)item["requestBody"]);
        Assert.False(item.AsObject().ContainsKey("responseBody"));
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.False(list["items"]![0]!.AsObject().ContainsKey("requestBody"));
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("not_found_error", (string?)error["error"]!["type"]);
    }

    [Theory]
    [InlineData("/api/logs?limit=0", "limit: expected a whole number from 1 to 500")]
    [InlineData("/api/logs?limit=501", "limit: expected a whole number from 1 to 500")]
    [InlineData("/api/logs?before=abc", "before: ")]
    [InlineData("/api/logs?since=yesterday", "since: expected an RFC 3339 time")]
    [InlineData("/api/logs?until=2026-03-10", "until: expected an RFC 3339 time")]
    [InlineData("/api/logs?status=2000", "status: ")]
    [InlineData("/api/logs/x", "id: ")]
    [InlineData("/api/stats?window=2h", "window: expected one of 15m, 1h, 6h, 24h, 7d, 30d")]
    [InlineData("/api/stats?by=region", "by: expected one of channel, key, model")]
    [InlineData("/api/logs/export.csv?limit=abc", "limit: ")]
    [InlineData("/api/stats/export.csv?window=1y", "window: ")]
    public async Task A_bad_query_parameter_is_a_400_envelope_that_names_it(string url, string message)
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();

        var (status, body) = await GetJsonAsync(client, url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal("invalid_request_error", (string?)body["error"]!["type"]);
        Assert.StartsWith(message, (string?)body["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_answer_totals_groups_and_series_with_the_contract_names()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();
        var now = DateTimeOffset.UtcNow;
        await RecordAsync(gateway, Entry(time: now, model: "m1", cacheRead: 30, input: 10, cacheCreation: 60), Entry(time: now, model: "m2", cost: null, status: 529, errorType: "overloaded_error"), Entry(time: now.AddDays(-2), model: "m1"));

        var (status, body) = await GetJsonAsync(client, "/api/stats?window=24h&by=model");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("24h", (string?)body["window"]);
        Assert.Equal(0L, (long)body["droppedEntries"]!);
        string[] figures =
        [
            "requests", "errors", "successRate", "p50LatencyMs", "p95LatencyMs", "p50TtfbMs", "inputTokens", "outputTokens", "cacheReadTokens",
            "cacheCreationTokens", "cacheHitRate", "costUsd",
        ];
        var totals = body["totals"]!.AsObject();
        Assert.Equal(figures.Order(StringComparer.Ordinal), totals.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal((2L, 1L, 0.5), ((long)totals["requests"]!, (long)totals["errors"]!, (double)totals["successRate"]!));
        var groups = body["groups"]!.AsArray();
        Assert.Equal(["m1", "m2"], groups.Select(g => (string)g!["name"]!).Order(StringComparer.Ordinal));
        var m1 = groups.Single(g => (string?)g!["name"] == "m1")!;
        Assert.Equal(0.3, (double)m1["cacheHitRate"]!, 9);
        Assert.Null(groups.Single(g => (string?)g!["name"] == "m2")!["costUsd"]);
        var series = body["series"]!.AsArray();
        Assert.Equal(48, series.Count);
        Assert.Equal(["costUsd", "errors", "inputTokens", "outputTokens", "requests", "time"], series[0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2L, series.Sum(p => (long)p!["requests"]!));
    }

    [Fact]
    public async Task The_log_export_is_csv_with_a_header_and_every_matching_row_quoted_where_needed()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();
        var now = DateTimeOffset.UtcNow;
        await RecordAsync(gateway, [.. Enumerable.Range(0, 600).Select(i => Entry(time: now)), Entry(time: now, channel: "beta", channelId: "ch_beta") with { ErrorMessage = "=bad, \"quoted\"", Instance = "gw-b" }]);

        using var all = await client.GetAsync("/api/logs/export.csv", Token);
        var allLines = (await all.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        using var beta = await client.GetAsync("/api/logs/export.csv?channel=beta", Token);
        var betaLines = (await beta.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv; charset=utf-8", all.Content.Headers.ContentType!.ToString());
        Assert.Equal(601 + 1, allLines.Length);
        Assert.StartsWith("id,time,requestId,path,model,mappedModel,channel,channelId,serviceType,key,status,errorType,errorMessage,stream,", allLines[0], StringComparison.Ordinal);
        Assert.Equal(2, betaLines.Length);
        Assert.StartsWith("601,", betaLines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=bad, \"\"quoted\"\"\",", betaLines[1], StringComparison.Ordinal);
        // The serving instance is the last column; rows logged without one leave it empty.
        Assert.EndsWith(",attempts,instance", allLines[0], StringComparison.Ordinal);
        Assert.EndsWith(",1,gw-b", betaLines[1], StringComparison.Ordinal);
        Assert.EndsWith(",1,", allLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stats_export_has_a_row_per_group_and_one_for_all()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();
        var now = DateTimeOffset.UtcNow;
        await RecordAsync(gateway, Entry(time: now), Entry(time: now, key: "sk-b…2222"));

        using var response = await client.GetAsync("/api/stats/export.csv?window=1h&by=key", Token);
        var lines = (await response.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("name,requests,errors,successRate,p50LatencyMs,p95LatencyMs,p50TtfbMs,inputTokens,outputTokens,cacheReadTokens,cacheCreationTokens,cacheHitRate,costUsd", lines[0]);
        Assert.Equal(["sk-a…1111", "sk-b…2222"], lines[1..3].Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        Assert.StartsWith("(all),2,0,1,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_usage_api_needs_the_admin_key_and_the_store_lives_beside_the_config()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var anonymous = gateway.CreateClient(authenticated: false);

        using var response = await anonymous.GetAsync("/api/logs", Token);
        await RecordAsync(gateway, Entry(time: DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(gateway.Folder.Path, ".config", "usage.db")));
    }

    [Fact]
    public async Task Stopping_the_gateway_writes_out_the_queue_and_a_new_gateway_reads_it_back()
    {
        using var folder = new TempFolder();
        await using (var first = await TestGateway.StartAsync(folder: folder))
        {
            var recorder = first.App.Services.GetRequiredService<IUsageRecorder>();
            for (var i = 0; i < 300; i++)
            {
                recorder.Record(Entry(time: DateTimeOffset.UtcNow));
            }
        }

        await using var second = await TestGateway.StartAsync(folder: folder);
        using var client = second.CreateClient();
        var (_, stats) = await GetJsonAsync(client, "/api/stats?window=15m");

        Assert.Equal(300L, (long)stats["totals"]!["requests"]!);
    }

    [Fact]
    public async Task A_usage_db_path_setting_moves_the_log()
    {
        using var elsewhere = new TempFolder();
        var path = Path.Combine(elsewhere.Path, "logs", "requests.db");
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { UsageDbPath = path });

        await RecordAsync(gateway, Entry(time: DateTimeOffset.UtcNow));

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(Path.Combine(gateway.Folder.Path, ".config", "usage.db")));
    }
}
