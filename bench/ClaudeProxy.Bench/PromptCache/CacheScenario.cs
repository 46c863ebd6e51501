using System.Globalization;
using System.Text.Json;
using ClaudeProxy.Bench.Gateway;
using ClaudeProxy.Bench.Mock;

namespace ClaudeProxy.Bench.PromptCache;

/// <summary>
/// The cache scenario: for each key strategy, a gateway whose <c>claude</c> and <c>openai</c> channels
/// each pool several keys on the mock's caching paths; for each channel, the mock's caches and counts
/// are reset, the conversations run, and the mock says what each key served. A strategy the gateway
/// refuses at start-up (a build without it) is reported as skipped, with the gateway's reason.
/// </summary>
internal sealed class CacheScenario(HttpClient client, GatewayRunSettings run, CachePlan plan, TextWriter log)
{
    public static readonly IReadOnlyList<string> Channels = ["claude", "openai"];

    private static readonly JsonSerializerOptions StatsJson = new(JsonSerializerDefaults.Web);

    public async Task<CacheResult> RunAsync(GatewayLaunch launch, CancellationToken ct)
    {
        await log.WriteLineAsync($"cache scenario ({launch.Build} build): {plan.Conversations} conversations × {plan.Turns} turns at once, {plan.Keys} keys per channel, caching mock:");
        var runs = new List<CacheRun>();
        var skipped = new List<SkippedStrategy>();
        foreach (var strategy in plan.Strategies)
        {
            GatewayProcess gateway;
            try
            {
                gateway = await GatewayProcess.StartAsync($"{launch.Build}-cache-{strategy}", launch.FileName, launch.Arguments, run, ct,
                    path => GatewayConfigFile.WriteKeyPools(path, run.MockUrl, strategy, plan.Keys));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                var reason = Reason(ex.Message);
                skipped.Add(new SkippedStrategy(strategy, reason));
                await log.WriteLineAsync($"  [{launch.Build}] {strategy}: not run, the gateway did not start with it ({reason})");
                continue;
            }

            await using (gateway)
            {
                foreach (var channel in Channels)
                {
                    runs.Add(await RunChannelAsync(gateway, channel, strategy, ct));
                }
            }
        }

        // Grouped by channel (a stable sort keeps the strategies in the plan's order): the table reads one channel at a time.
        var ordered = runs.OrderBy(r => Channels.ToList().IndexOf(r.Channel)).ToList();
        return new CacheResult(launch.Build, plan, SonnetPrices.Description, ordered, skipped);
    }

    private async Task<CacheRun> RunChannelAsync(GatewayProcess gateway, string channel, string strategy, CancellationToken ct)
    {
        using (var reset = await client.PostAsync(new Uri(run.MockUrl, CachingUpstream.ResetPath), null, ct))
        {
            reset.EnsureSuccessStatusCode();
        }

        var model = channel == "claude" ? GatewayConfigFile.CacheClaudeModel : GatewayConfigFile.CacheOpenAIModel;
        var took = await ConversationLoad.RunAsync(client, gateway.BaseUrl, run.AccessKey, model, plan, ct);
        var tallies = await client.GetFromJsonAsync<List<KeyTally>>(new Uri(run.MockUrl, CachingUpstream.StatsPath), StatsJson, ct) ?? [];
        var result = new CacheRun(channel, strategy, plan.Conversations, plan.Turns, took.TotalSeconds,
            CacheRun.InKeyOrder(GatewayConfigFile.PoolKeys(channel, plan.Keys), tallies));
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {channel,-6} {strategy,-11}: hit ratio {result.HitRatio:0.000}, requests per key {string.Join('/', result.Keys.Select(k => k.Requests))}, ${result.CostUsd:0.00} ({took.TotalSeconds:0.0} s)"));
        var expected = (long)plan.Conversations * plan.Turns;
        if (result.Requests != expected)
        {
            await log.WriteLineAsync($"    the mock counted {result.Requests} requests for {expected} sent (retries, or another key): the shares include them");
        }

        return result;
    }

    /// <summary>The gateway's own words on why it would not start: from its line about <c>loadBalance</c> (without the file's path), else its last line.</summary>
    private static string Reason(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Select(l => l.IndexOf("loadBalance", StringComparison.Ordinal) is var at and >= 0 ? l[at..] : null).FirstOrDefault(l => l is not null)
            ?? lines.LastOrDefault() ?? message;
    }
}
