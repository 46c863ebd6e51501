using System.CommandLine;
using System.Text.Json;
using ClaudeProxy.Admin;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Cli;

/// <summary><c>logs</c>: the latest requests from the request log, newest last; <c>--follow</c> keeps printing new ones.</summary>
internal static class LogsCommand
{
    /// <summary>How often <c>--follow</c> looks for new entries; the server writes its batches about as often.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create(CliConsole console)
    {
        var filters = new UsageOptions();
        filters.Add("--limit", "limit", $"How many of the latest requests to show (1 to {LogQuery.MaxLimit}, default {LogQuery.DefaultLimit}).");
        filters.Add("--channel", "channel", "Only requests answered by this channel (name or id).");
        filters.Add("--model", "model", "Only requests for this model (as the client asked).");
        filters.Add("--status", "status", "Only requests that ended with this HTTP status, e.g. 429.");
        filters.Add("--error-type", "errorType", "Only requests that failed with this error type, e.g. rate_limit_error.");
        filters.Add("--key", "key", "Only requests made with this key, masked as the log shows it.");
        filters.Add("--instance", "instance", "Only requests served by this gateway instance (its INSTANCE_ID).");
        filters.Add("--since", "since", "Only requests at or after this RFC 3339 time, or this long ago (30m, 2h, 7d).");
        filters.Add("--until", "until", "Only requests before this RFC 3339 time, or this long ago.");
        var follow = new Option<bool>("--follow", "-f")
        {
            Description = "Keep printing new requests as they are logged, until Ctrl+C (with --json: one item per line).",
        };
        var command = new Command("logs", "Show the latest requests from the request log (works with the gateway stopped).") { follow, CliOptions.Json };
        foreach (var option in filters.All)
        {
            command.Options.Add(option);
        }

        CommandRunner.SetAction(command, console, (context, cancellationToken) =>
        {
            if (UsageQueryParser.Logs(filters.Query(context), out var problem) is not { } query)
            {
                return Task.FromResult(context.Fail(ExitCodes.Invalid, filters.Problem(problem!)));
            }

            return context.GetValue(follow) ? FollowAsync(context, query, cancellationToken) : Task.FromResult(Show(context, query));
        });
        return command;
    }

    private static int Show(CommandContext context, LogQuery query) => UsageLog.Read(context, () =>
    {
        using var store = UsageLog.Open(context);
        var page = store?.QueryLogs(query) ?? new LogPage([], null);
        if (context.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(page, UsageApiJson.Type<LogPage>()));
        }
        else if (store is null)
        {
            context.Out.WriteLine(UsageLog.NothingYet(context));
        }
        else
        {
            TextTable.Write(context.Out, [.. page.Items.Reverse().Select(UsageFormat.LogRow)]);
        }

        return ExitCodes.Ok;
    });

    private static async Task<int> FollowAsync(CommandContext context, LogQuery query, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The CLI leaves Ctrl+C to each command (the server's host handles its own): here it ends the loop.
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await FollowUntilStoppedAsync(context, query, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> FollowUntilStoppedAsync(CommandContext context, LogQuery query, CancellationToken cancellationToken)
    {
        // The latest page first (oldest of it first), then whatever comes after it.
        var follower = new LogFollower(query, 0);
        IUsageStore? store = null;
        // Started before the first page is read, so an entry logged meanwhile is caught by the first tick.
        using var timer = new PeriodicTimer(PollInterval, context.Clock);
        try
        {
            var exitCode = UsageLog.Read(context, () =>
            {
                store = UsageLog.Open(context);
                if (store is null)
                {
                    context.Error.WriteLine(UsageLog.NothingYet(context) + "; waiting for the first");
                    return ExitCodes.Ok;
                }

                var page = store.QueryLogs(query);
                follower = new LogFollower(query, page.Items.Count > 0 ? page.Items[0].Id : 0);
                Print(context, [.. page.Items.Reverse()]);
                return ExitCodes.Ok;
            });
            if (exitCode != ExitCodes.Ok)
            {
                return exitCode;
            }

            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                exitCode = UsageLog.Read(context, () =>
                {
                    store ??= UsageLog.Open(context);
                    if (store is not null)
                    {
                        Print(context, follower.Poll(store));
                    }

                    return ExitCodes.Ok;
                });
                if (exitCode != ExitCodes.Ok)
                {
                    return exitCode;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the normal way out.
        }
        finally
        {
            store?.Dispose();
        }

        return ExitCodes.Ok;
    }

    /// <summary>Under --json one compact item a line (JSON Lines), so a reader can parse each as it arrives.</summary>
    private static void Print(CommandContext context, IReadOnlyList<RequestLogEntry> entries)
    {
        if (context.Json)
        {
            foreach (var entry in entries)
            {
                context.Out.WriteLine(JsonSerializer.Serialize(entry, UsageApiJson.Type<RequestLogEntry>()));
            }
        }
        else
        {
            TextTable.Write(context.Out, [.. entries.Select(UsageFormat.LogRow)]);
        }

        context.Out.Flush();
    }
}
