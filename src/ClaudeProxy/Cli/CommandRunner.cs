using System.CommandLine;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;

namespace ClaudeProxy.Cli;

/// <summary>
/// Gives a command its action and turns the failures every command can meet into a message on
/// stderr and the matching exit code, so no command has to.
/// </summary>
internal static class CommandRunner
{
    public static void SetAction(Command command, CliConsole console, Func<CommandContext, int> action) =>
        command.SetAction(parse => Run(new CommandContext(parse, console), action));

    public static void SetAction(Command command, CliConsole console, Func<CommandContext, CancellationToken, Task<int>> action) =>
        command.SetAction((parse, cancellationToken) => RunAsync(new CommandContext(parse, console), action, cancellationToken));

    private static int Run(CommandContext context, Func<CommandContext, int> action)
    {
        try
        {
            return action(context);
        }
        catch (Exception ex) when (IsReported(ex))
        {
            return Report(context, ex);
        }
    }

    private static async Task<int> RunAsync(CommandContext context, Func<CommandContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action(context, cancellationToken);
        }
        catch (Exception ex) when (IsReported(ex))
        {
            return Report(context, ex);
        }
    }

    private static bool IsReported(Exception ex) =>
        ex is ConfigEditException or ConfigFileException or SettingsException or IOException or UnauthorizedAccessException;

    private static int Report(CommandContext context, Exception exception) => exception switch
    {
        ConfigEditException { Error: ConfigEditError.NotFound } ex => context.Fail(ExitCodes.NotFound, ex.Message),
        ConfigEditException { Error: ConfigEditError.Conflict } ex => context.Fail(ExitCodes.Conflict, ex.Message),
        ConfigEditException ex => context.Fail(ExitCodes.Invalid, ex.Message),
        ConfigFileException ex => context.Fail(ExitCodes.BadConfig, "the config file is broken; fix it or replace it with `config import`:",
            ex.Problems.Count > 0 ? ex.Problems : [ex.Message]),
        SettingsException ex => context.Fail(ExitCodes.BadSettings, ex.Message),
        _ => context.Fail(ExitCodes.BadConfig, exception.Message),
    };
}
