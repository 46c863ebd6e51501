using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace ClaudeProxy.Cli;

/// <summary>The command tree of the <c>claude-proxy</c> executable: the server by default, and the config tool.</summary>
public static class GatewayCli
{
    public static RootCommand Create() => Create(CliConsole.System);

    public static RootCommand Create(CliConsole console)
    {
        var root = new RootCommand($"ClaudeProxy: the Anthropic Messages API in front of Claude, OpenAI-compatible and Gemini accounts. {ExitCodes.Summary}")
        {
            ServeCommand.ConfigOption,
            ServeCommand.PortOption,
            ServeCommand.Create(),
            ChannelsCommand.Create(console),
            KeysCommand.Create(console),
            MappingCommand.Create(console),
            BalanceCommand.Create(console),
            ConfigCommand.Create(console),
            KeyCommand.Create(console),
            LogsCommand.Create(console),
            StatsCommand.Create(console),
            DoctorCommand.Create(console),
            HealthCommand.Create(console),
        };
        foreach (var alias in SeedAliases.Create(console))
        {
            root.Subcommands.Add(alias);
        }

        VersionAction.Replace(root, console);
        root.SetAction((parse, cancellationToken) => ServeCommand.RunAsync(parse, cancellationToken));
        return root;
    }

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.System);

    /// <summary>Runs a command in-process, writing to the given writers (standard input is empty).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        RunAsync(args, CliConsole.System with { Input = TextReader.Null, Output = output, Error = error });

    public static Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console) => RunAsync(args, console, CancellationToken.None);

    /// <summary>Runs a command; <paramref name="cancellationToken"/> stops one that waits (<c>logs --follow</c>), as Ctrl+C does.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var parse = Create(console).Parse(WithSeedHelp(args));
        if (parse.Action is ParseErrorAction)
        {
            return await ReportUsageErrorAsync(parse, console.Error);
        }

        // The host handles Ctrl+C and SIGTERM itself and shuts down gracefully.
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
            ProcessTerminationTimeout = null,
        }, cancellationToken);
    }

    /// <summary>claude-proxy had a <c>help</c> command: <c>help channels add</c> is <c>channels add --help</c>.</summary>
    private static string[] WithSeedHelp(IReadOnlyList<string> args) =>
        args.Count > 0 && args[0] == "help" ? [.. args.Skip(1), "--help"] : [.. args];

    private static async Task<int> ReportUsageErrorAsync(ParseResult parse, TextWriter error)
    {
        foreach (var message in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
        {
            await error.WriteLineAsync($"error: {message}");
        }

        await error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
        return ExitCodes.Invalid;
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var c } && c is not RootCommand)
            {
                names.Insert(0, c.Name);
            }
        }

        return string.Join(' ', ["claude-proxy", .. names]);
    }
}
