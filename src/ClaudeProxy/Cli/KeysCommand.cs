using System.CommandLine;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Security;

namespace ClaudeProxy.Cli;

/// <summary><c>keys …</c>: a channel's upstream API keys, always shown masked.</summary>
internal static class KeysCommand
{
    /// <summary>Stands for "read the key from stdin", so it stays out of shell history and process lists.</summary>
    public const string FromStdin = "-";

    public static Command Create(CliConsole console)
    {
        var listChannel = ChannelsCommand.ChannelArgument();
        var list = new Command("list", "List a channel's keys, masked, with their positions.") { listChannel, CliOptions.Json };
        CommandRunner.SetAction(list, console, context => List(context, context.GetValue(listChannel)));

        var addChannel = ChannelsCommand.ChannelArgument();
        var addKey = new Argument<string>("key") { Description = $"The upstream API key, or {FromStdin} to read it from stdin." };
        var add = new Command("add", "Add a key to the end of a channel's list.") { addChannel, addKey, CliOptions.Json };
        CommandRunner.SetAction(add, console, context => Add(context, context.GetValue(addChannel), context.GetValue(addKey)));

        var removeChannel = ChannelsCommand.ChannelArgument();
        var removeKey = new Argument<string>("keyRef") { Description = "The key: its masked form as `keys list` shows it, or its position (0, 1, …)." };
        var remove = new Command("remove", "Remove a key from a channel.") { removeChannel, removeKey, CliOptions.Json };
        CommandRunner.SetAction(remove, console, context => Remove(context, context.GetValue(removeChannel), context.GetValue(removeKey)));

        return new Command("keys", "List, add and remove a channel's upstream API keys.") { list, add, remove };
    }

    public static int List(CommandContext context, string channelReference)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = context.ReadConfig();
        return WriteKeys(context, config, ChannelRef.Resolve(config, channelReference, allowName: true), null);
    }

    public static int Add(CommandContext context, string channelReference, string key)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (key == FromStdin)
        {
            key = context.In.ReadLine() ?? "";
        }

        var index = -1;
        var config = context.Edit(current =>
        {
            index = ChannelRef.Resolve(current, channelReference, allowName: true);
            return ConfigEdits.AddKey(current, index, key);
        });
        return WriteKeys(context, config, index, $"Added key {SecretMask.Mask(key.Trim())} to");
    }

    public static int Remove(CommandContext context, string channelReference, string keyReference)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = -1;
        var removed = "";
        var config = context.Edit(current =>
        {
            index = ChannelRef.Resolve(current, channelReference, allowName: true);
            var channel = current.Upstream[index];
            removed = SecretMask.Mask(channel.ApiKeys[KeyRef.Resolve(channel, keyReference)]);
            return ConfigEdits.RemoveKey(current, index, keyReference);
        });
        return WriteKeys(context, config, index, $"Removed key {removed} from");
    }

    private static int WriteKeys(CommandContext context, ProxyConfig config, int index, string? done)
    {
        var channel = config.Upstream[index];
        if (context.Json)
        {
            context.WriteJson(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("index", index);
                if (channel.Id is { } id)
                {
                    w.WriteString("id", id);
                }

                if (channel.Name is { } name)
                {
                    w.WriteString("name", name);
                }

                w.WriteStartArray("keys");
                for (var k = 0; k < channel.ApiKeys.Count; k++)
                {
                    w.WriteStartObject();
                    w.WriteNumber("index", k);
                    w.WriteString("masked", SecretMask.Mask(channel.ApiKeys[k]));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCodes.Ok;
        }

        if (done is not null)
        {
            context.Out.WriteLine($"{done} {channel.DisplayName}.");
        }

        context.Out.WriteLine($"{channel.DisplayName} ({channel.Id ?? "no id yet"}): {channel.ApiKeys.Count} key(s)");
        for (var k = 0; k < channel.ApiKeys.Count; k++)
        {
            context.Out.WriteLine($"  [{k}] {SecretMask.Mask(channel.ApiKeys[k])}");
        }

        return ExitCodes.Ok;
    }
}
