using System.CommandLine;

namespace ClaudeProxy.Cli;

/// <summary>
/// claude-proxy's CLI verbs (<c>bun run config show|add|remove|update|use|key|balance</c>), accepted as
/// they were so its users' habits and scripts keep working. Each runs the same code as its
/// <c>channels …</c> counterpart; <c>key</c> and <c>balance</c> are top-level commands already.
/// </summary>
internal static class SeedAliases
{
    public static IEnumerable<Command> Create(CliConsole console) =>
    [
        CreateShow(console),
        Alias(ChannelEditCommands.CreateAdd(console)),
        Alias(ChannelsCommand.CreateRemove(console)),
        Alias(ChannelEditCommands.CreateUpdate(console)),
        Alias(ChannelsCommand.CreateUse(console)),
    ];

    private static Command Alias(Command command)
    {
        command.Description = $"Same as `channels {command.Name}` (claude-proxy's verb). {command.Description}";
        return command;
    }

    /// <summary>The seed's <c>show</c> lists everything; naming a channel shows it in full.</summary>
    private static Command CreateShow(CliConsole console)
    {
        var channel = new Argument<string?>("channel")
        {
            Description = "A channel (id, position or name) to show in full; none lists them all.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("show", "List the channels (as `channels list`), or show one in full (as `channels show`).") { channel, CliOptions.Json };
        CommandRunner.SetAction(command, console, context =>
            context.GetValue(channel) is { } reference ? ChannelsCommand.Show(context, reference) : ChannelsCommand.List(context));
        return command;
    }
}
