using System.CommandLine;
using ClaudeProxy.Admin;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;

namespace ClaudeProxy.Cli;

/// <summary><c>channels …</c>: list, show and change the upstream channels.</summary>
internal static class ChannelsCommand
{
    public static Command Create(CliConsole console) => new("channels", "List and change the upstream channels.")
    {
        CreateList(console),
        CreateShow(console),
        ChannelEditCommands.CreateAdd(console),
        ChannelEditCommands.CreateUpdate(console),
        CreateRemove(console),
        CreateSetStatus(console, "enable", ChannelStatus.Active, "Put a channel back in service."),
        CreateSetStatus(console, "suspend", ChannelStatus.Suspended, "Pause a channel: it is not routed to until enabled again (it keeps its settings)."),
        CreateSetStatus(console, "disable", ChannelStatus.Disabled, "Take a channel out of service into the backup pool (it keeps its settings)."),
        CreateUse(console),
        CreatePromote(console),
        CreateReorder(console),
    };

    public static Argument<string> ChannelArgument() => new("channel")
    {
        Description = "The channel: its id, its position (0, 1, …) or its name.",
    };

    public static Command CreateRemove(CliConsole console)
    {
        var channel = ChannelArgument();
        var command = new Command("remove", "Remove a channel and its keys.") { channel, CliOptions.Json };
        CommandRunner.SetAction(command, console, context =>
        {
            ChannelConfig? removed = null;
            var index = -1;
            var config = context.Edit(current =>
            {
                index = ChannelRef.Resolve(current, context.GetValue(channel), allowName: true);
                removed = current.Upstream[index];
                return ConfigEdits.RemoveChannel(current, index);
            });
            if (context.Json)
            {
                context.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("removedIndex", index);
                    if (removed!.Id is { } id)
                    {
                        w.WriteString("removedId", id);
                    }

                    w.WriteNumber("channelCount", config.Upstream.Count);
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine($"Removed channel [{index}] {removed!.DisplayName} ({removed.Id}); {config.Upstream.Count} channel(s) left in {context.ConfigPath}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateUse(CliConsole console)
    {
        var channel = ChannelArgument();
        var command = new Command("use", "Make a channel the first one tried (claude-proxy's current channel).") { channel, CliOptions.Json };
        CommandRunner.SetAction(command, console, context =>
        {
            var index = -1;
            var config = context.Edit(current =>
            {
                index = ChannelRef.Resolve(current, context.GetValue(channel), allowName: true);
                return ConfigEdits.MakeCurrent(current, index);
            });
            return Report(context, config, index, "Now using");
        });
        return command;
    }

    public static Command CreatePromote(CliConsole console)
    {
        var channel = ChannelArgument();
        var length = new Option<string>("--for")
        {
            Description = $"How long the promotion lasts: {DurationText.Form}; default 5m, at most 7d.",
            DefaultValueFactory = _ => "5m",
        };
        var end = new Option<bool>("--end") { Description = "End the channel's promotion now." };
        var command = new Command("promote", "Put a channel before every other one for a while (claude-proxy's promotion); one channel at a time.")
        {
            channel, length, end, CliOptions.Json,
        };
        CommandRunner.SetAction(command, console, context =>
        {
            var ending = context.GetValue(end);
            var until = ending ? default : context.Clock.GetUtcNow() + PromotionLength(context.GetValue(length)!);
            var index = -1;
            var config = context.Edit(current =>
            {
                index = ChannelRef.Resolve(current, context.GetValue(channel), allowName: true);
                return ending ? ConfigEdits.EndPromotion(current, index) : ConfigEdits.Promote(current, index, until);
            });
            return Report(context, config, index, ending ? "Ended the promotion of" : "Promoted");
        });
        return command;
    }

    private static TimeSpan PromotionLength(string value) =>
        DurationText.TryParse(value, out var length) && length > TimeSpan.Zero && length <= TimeSpan.FromSeconds(ChannelPromotion.MaxSeconds)
            ? length
            : throw new ConfigEditException(ConfigEditError.Invalid, $"--for: expected {DurationText.Form}, from 1s to 7d; got '{value}'.", "--for");

    /// <summary>After an edit: the channel as it is now, as JSON or as a line of confirmation and its summary.</summary>
    public static int Report(CommandContext context, ProxyConfig config, int index, string verb)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(config);
        var channel = ChannelPresenter.Present(config, index);
        if (context.Json)
        {
            context.WriteJson(w => ChannelView.WriteJson(w, channel));
            return ExitCodes.Ok;
        }

        context.Out.WriteLine($"{verb} channel {channel.Fields.DisplayName} in {context.ConfigPath}:");
        foreach (var line in ChannelView.Summary(channel))
        {
            context.Out.WriteLine(line);
        }

        return ExitCodes.Ok;
    }

    public static int List(CommandContext context) => WriteList(context, context.ReadConfig());

    public static int Show(CommandContext context, string reference)
    {
        var config = context.ReadConfig();
        var channel = ChannelPresenter.Present(config, ChannelRef.Resolve(config, reference, allowName: true));
        if (context.Json)
        {
            context.WriteJson(w => ChannelView.WriteJson(w, channel));
            return ExitCodes.Ok;
        }

        foreach (var line in ChannelView.Details(channel, config))
        {
            context.Out.WriteLine(line);
        }

        return ExitCodes.Ok;
    }

    private static Command CreateList(CliConsole console)
    {
        var command = new Command("list", "List the channels, the key strategy and the current channel.") { CliOptions.Json };
        CommandRunner.SetAction(command, console, List);
        return command;
    }

    private static Command CreateShow(CliConsole console)
    {
        var channel = ChannelArgument();
        var command = new Command("show", "Show every field of one channel.") { channel, CliOptions.Json };
        CommandRunner.SetAction(command, console, context => Show(context, context.GetValue(channel)));
        return command;
    }

    private static Command CreateSetStatus(CliConsole console, string name, string status, string description)
    {
        var channel = ChannelArgument();
        var command = new Command(name, description) { channel, CliOptions.Json };
        CommandRunner.SetAction(command, console, context =>
        {
            var index = -1;
            var config = context.Edit(current =>
            {
                index = ChannelRef.Resolve(current, context.GetValue(channel), allowName: true);
                return ConfigEdits.SetStatus(current, index, status);
            });
            return Report(context, config, index, status switch
            {
                ChannelStatus.Active => "Enabled",
                ChannelStatus.Suspended => "Suspended",
                _ => "Disabled",
            });
        });
        return command;
    }

    private static Command CreateReorder(CliConsole console)
    {
        var channels = new Argument<string[]>("channels")
        {
            Description = "Every channel once (id, position or name), in the new order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("reorder", "Put the channels in a new order, the order they are tried in: priorities, if any, are renumbered to follow it (channels sharing one keep sharing); without them the current channel stays current.") { channels, CliOptions.Json };
        CommandRunner.SetAction(command, console, context =>
        {
            var config = context.Edit(current =>
            {
                // Names are resolved here; the shared edit takes ids and positions only.
                var positions = context.GetValue(channels)
                    .Select(reference => ChannelRef.Resolve(current, reference, allowName: true).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .ToList();
                return ConfigEdits.Reorder(current, positions);
            });
            return WriteList(context, config);
        });
        return command;
    }

    private static int WriteList(CommandContext context, ProxyConfig config)
    {
        var channels = ChannelPresenter.PresentAll(config);
        if (context.Json)
        {
            context.WriteJson(w =>
            {
                w.WriteStartObject();
                w.WriteString("configPath", context.ConfigPath);
                w.WriteString("loadBalance", config.LoadBalance);
                w.WriteNumber("currentUpstream", config.CurrentUpstream);
                w.WriteStartArray("channels");
                foreach (var channel in channels)
                {
                    ChannelView.WriteJson(w, channel);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCodes.Ok;
        }

        var output = context.Out;
        output.WriteLine($"config       {context.ConfigPath}{(File.Exists(context.ConfigPath) ? "" : "  (not created yet)")}");
        output.WriteLine($"loadBalance  {config.LoadBalance}");
        output.WriteLine($"channels     {channels.Count}");
        foreach (var channel in channels)
        {
            output.WriteLine();
            foreach (var line in ChannelView.Summary(channel))
            {
                output.WriteLine(line);
            }
        }

        if (channels.Count == 0)
        {
            output.WriteLine();
            output.WriteLine("No channel yet. Add one: claude-proxy channels add <name> <type> <url> --key <api key>");
        }

        return ExitCodes.Ok;
    }
}
