using System.CommandLine;
using ClaudeProxy.Configuration.Editing;

namespace ClaudeProxy.Cli;

/// <summary><c>mapping …</c>: which upstream model a requested model becomes on a channel.</summary>
internal static class MappingCommand
{
    public static Command Create(CliConsole console)
    {
        var setChannel = ChannelsCommand.ChannelArgument();
        var source = new Argument<string>("source") { Description = "The model clients ask for, or part of its name (e.g. sonnet)." };
        var target = new Argument<string>("target") { Description = "The model the upstream gets (e.g. gpt-4o)." };
        var set = new Command("set", "Map a model on a channel (replacing an existing mapping of the same source).") { setChannel, source, target, CliOptions.Json };
        CommandRunner.SetAction(set, console, context =>
        {
            var index = -1;
            var config = context.Edit(current =>
            {
                index = ChannelRef.Resolve(current, context.GetValue(setChannel), allowName: true);
                return ConfigEdits.SetMapping(current, index, context.GetValue(source), context.GetValue(target));
            });
            return ChannelsCommand.Report(context, config, index, "Mapped on");
        });

        var removeChannel = ChannelsCommand.ChannelArgument();
        var removeSource = new Argument<string>("source") { Description = "The mapped source model." };
        var remove = new Command("remove", "Remove a model mapping from a channel.") { removeChannel, removeSource, CliOptions.Json };
        CommandRunner.SetAction(remove, console, context =>
        {
            var index = -1;
            var config = context.Edit(current =>
            {
                index = ChannelRef.Resolve(current, context.GetValue(removeChannel), allowName: true);
                return ConfigEdits.RemoveMapping(current, index, context.GetValue(removeSource));
            });
            return ChannelsCommand.Report(context, config, index, "Unmapped on");
        });

        return new Command("mapping", "Set and remove a channel's model mappings.") { set, remove };
    }
}
