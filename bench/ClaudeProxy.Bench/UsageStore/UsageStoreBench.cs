using System.Diagnostics;
using System.Globalization;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using ClaudeProxy.Observability.Usage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClaudeProxy.Bench.UsageStore;

/// <summary>
/// The usage store on a real history: fills a file with generated rows (reused when it already holds
/// them), then times <c>/api/stats?window=7d</c> and filtered <c>/api/logs</c> pages, through the store
/// and through the gateway's HTTP API. Prints the median and slowest of several runs after a warm-up.
/// </summary>
internal static class UsageStoreBench
{
    private const int Runs = 7;
    private const string AccessKey = GatewayRunSettings.BenchAccessKey;

    public static async Task<int> RunAsync(int rows, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var dbPath = Path.Combine(folder, "usage.db");
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"usage store: {dbPath}");
        using (var store = new SqliteUsageStore(dbPath))
        {
            var existing = store.QueryStats(StatsWindow.Parse("30d")!, StatsGrouping.Channel, now).Totals.Requests;
            if (existing < rows * 0.95)
            {
                store.Dispose();
                foreach (var file in Directory.GetFiles(folder, "usage.db*"))
                {
                    File.Delete(file);
                }

                Fill(dbPath, rows, now);
            }
            else
            {
                Console.WriteLine($"reusing {existing:N0} rows of the last 30 days");
            }
        }

        using (var store = new SqliteUsageStore(dbPath))
        {
            Console.WriteLine();
            Console.WriteLine("through the store (median / slowest of 7 after a warm-up):");
            Time("stats 7d by channel", () => store.QueryStats(StatsWindow.Parse("7d")!, StatsGrouping.Channel, now).Totals.Requests);
            Time("stats 7d by key", () => store.QueryStats(StatsWindow.Parse("7d")!, StatsGrouping.Key, now).Totals.Requests);
            Time("stats 30d by model", () => store.QueryStats(StatsWindow.Parse("30d")!, StatsGrouping.Model, now).Totals.Requests);
            Time("logs newest page", () => store.QueryLogs(new LogQuery()).Items.Count);
            Time("logs channel+status=429", () => store.QueryLogs(new LogQuery { Channel = "relay-a", Status = 429 }).Items.Count);
            Time("logs model+errorType", () => store.QueryLogs(new LogQuery { Model = "gpt-5", ErrorType = "overloaded_error" }).Items.Count);
            Time("logs key+since 2d", () => store.QueryLogs(new LogQuery { Key = "sk-3…0002", Since = now.AddDays(-2) }).Items.Count);
            Time("logs until 25d ago", () => store.QueryLogs(new LogQuery { Until = now.AddDays(-25) }).Items.Count);
            Time("logs since 1h", () => store.QueryLogs(new LogQuery { Since = now.AddHours(-1), Status = 500 }).Items.Count);
            Time("logs channel id, page 100", () => store.QueryLogs(new LogQuery { Channel = "ch_1", Before = 900_000 }).Items.Count);
        }

        await OverHttpAsync(dbPath, folder, ct);
        return 0;
    }

    private static void Fill(string dbPath, int rows, DateTimeOffset now)
    {
        var generator = new UsageRowGenerator(now, rows);
        var clock = Stopwatch.StartNew();
        using var store = new SqliteUsageStore(dbPath);
        for (var written = 0; written < rows; written += 5000)
        {
            store.Append([.. generator.Batch(5000)]);
        }

        store.Optimize();
        Console.WriteLine($"generated {rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s ({rows / clock.Elapsed.TotalSeconds:N0} rows/s in batches of 5,000); file {new FileInfo(dbPath).Length / (1024 * 1024)} MiB");
    }

    private static async Task OverHttpAsync(string dbPath, string folder, CancellationToken ct)
    {
        var settings = new GatewaySettings
        {
            AccessKey = AccessKey,
            ConfigPath = Path.Combine(folder, "config.json"),
            UsageDbPath = dbPath,
            LogRetentionDays = 0,
            Host = "127.0.0.1",
            Port = 0,
            EnableRequestLogs = false,
            EnableResponseLogs = false,
        };
        await using var app = GatewayApp.Build(new GatewayOptions
        {
            Settings = settings,
            Urls = ["http://127.0.0.1:0"],
            BannerWriter = null,
            ConfigureLogging = _ => { },
        });
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("x-api-key", AccessKey);

        Console.WriteLine();
        Console.WriteLine("through HTTP (whole answer read; median / slowest of 7 after a warm-up):");
        string[] urls =
        [
            "/api/stats?window=7d&by=channel",
            "/api/stats?window=7d&by=key",
            "/api/logs",
            "/api/logs?channel=relay-a&status=429",
            "/api/logs?model=gpt-5&errorType=overloaded_error&limit=100",
            $"/api/logs?key=sk-3%E2%80%A60002&since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}",
        ];
        foreach (var url in urls)
        {
            await TimeAsync(url, async () =>
            {
                using var response = await client.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadAsByteArrayAsync(ct)).Length;
            });
        }

        await app.StopAsync(ct);
    }

    private static void Time(string name, Func<long> query)
    {
        query();
        var times = new List<double>();
        long result = 0;
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            result = query();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        Print(name, times, result);
    }

    private static async Task TimeAsync(string name, Func<Task<long>> query)
    {
        await query();
        var times = new List<double>();
        long result = 0;
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            result = await query();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        Print(name, times, result);
    }

    private static void Print(string name, List<double> times, long result)
    {
        times.Sort();
        Console.WriteLine($"  {name,-75} {times[times.Count / 2],8:F1} ms  {times[^1],8:F1} ms   ({result:N0})");
    }
}
