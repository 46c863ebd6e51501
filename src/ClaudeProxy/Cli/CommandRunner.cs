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

    private static int Run(CommandContext context, Func<CommandContext, int> action)
    {
        try
        {
            return action(context);
        }
        catch (ConfigEditException ex)
        {
            var exitCode = ex.Error switch
            {
                ConfigEditError.NotFound => ExitCodes.NotFound,
                ConfigEditError.Conflict => ExitCodes.Conflict,
                _ => ExitCodes.Invalid,
            };
            return context.Fail(exitCode, ex.Message);
        }
        catch (ConfigFileException ex)
        {
            return context.Fail(ExitCodes.BadConfig, "the config file is broken; fix it or replace it with `config import`:",
                ex.Problems.Count > 0 ? ex.Problems : [ex.Message]);
        }
        catch (SettingsException ex)
        {
            return context.Fail(ExitCodes.BadSettings, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return context.Fail(ExitCodes.BadConfig, ex.Message);
        }
    }
}
