using System.CommandLine;
using System.Text.Json;
using ClaudeProxy.Admin;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Cli;

/// <summary><c>stats</c>: a window's totals and its busiest channels, keys or models, from the request log.</summary>
internal static class StatsCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new UsageOptions();
        options.Add("--window", "window", "How far back: 15m, 1h, 6h, 24h (default), 7d or 30d.");
        options.Add("--by", "by", "Group by channel (default), key or model.");
        var command = new Command("stats", "Show request, error, latency, token, cache and cost totals (works with the gateway stopped).") { CliOptions.Json };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        CommandRunner.SetAction(command, console, context =>
        {
            if (!UsageQueryParser.Stats(options.Query(context), out var window, out var grouping, out var problem))
            {
                return context.Fail(ExitCodes.Invalid, options.Problem(problem!));
            }

            return UsageLog.Read(context, () =>
            {
                var now = context.Clock.GetUtcNow();
                using var store = UsageLog.Open(context);
                var stats = store?.QueryStats(window, grouping, now) ?? new UsageStatsBuilder(window, grouping, window.Start(now)).Build();
                if (context.Json)
                {
                    context.Out.WriteLine(JsonSerializer.Serialize(stats, UsageApiJson.Type<UsageStats>()));
                }
                else if (store is null)
                {
                    context.Out.WriteLine(UsageLog.NothingYet(context));
                }
                else
                {
                    Write(context.Out, stats);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static void Write(TextWriter output, UsageStats stats)
    {
        output.WriteLine($"Last {stats.Window} ({UsageFormat.Time(stats.Since)} to {UsageFormat.Time(stats.Until)}), by {stats.By}:");
        string[] header = [stats.By.ToUpperInvariant(), "REQUESTS", "ERRORS", "SUCCESS", "P50", "P95", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "CACHE HIT", "COST"];
        TextTable.Write(output, [header, .. stats.Groups.Select(g => Row(g.Name ?? "", g)), Row("total", stats.Totals)]);
    }

    private static string[] Row(string name, UsageFigures f) =>
    [
        name,
        UsageFormat.Count(f.Requests),
        UsageFormat.Count(f.Errors),
        UsageFormat.Rate(f.SuccessRate),
        UsageFormat.Ms(f.P50LatencyMs),
        UsageFormat.Ms(f.P95LatencyMs),
        UsageFormat.Count(f.InputTokens),
        UsageFormat.Count(f.OutputTokens),
        UsageFormat.Count(f.CacheReadTokens),
        UsageFormat.Count(f.CacheCreationTokens),
        UsageFormat.Rate(f.CacheHitRate),
        UsageFormat.Cost(f.CostUsd),
    ];
}
