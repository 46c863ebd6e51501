using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using ClaudeProxy.Configuration.Editing;

namespace ClaudeProxy.Cli;

/// <summary><c>channels add</c> and <c>channels update</c>: every channel field from options.</summary>
internal static class ChannelEditCommands
{
    private const string TypeHelp =
        "claude (https://api.anthropic.com), openai or openaiold (https://api.openai.com/v1), gemini (https://generativelanguage.googleapis.com/v1beta), responses (https://api.openai.com/v1).";

    public static Command CreateAdd(CliConsole console)
    {
        var channelName = new Argument<string>("name") { Description = "The channel's name." };
        var type = new Argument<string>("type") { Description = $"The upstream protocol: {TypeHelp}" };
        var url = new Argument<string>("url") { Description = "The upstream's base URL." };
        var fields = ChannelFieldOptions.ForAdd();
        var command = new Command("add", "Add a channel (it goes last; `channels use` makes it the first one tried).")
        {
            channelName, type, url, CliOptions.Json,
        };
        fields.AddTo(command);
        CommandRunner.SetAction(command, console, context =>
        {
            var body = Patch(w =>
            {
                w.WriteString("name", context.GetValue(channelName));
                w.WriteString("serviceType", context.GetValue(type));
                w.WriteString("baseUrl", context.GetValue(url));
                fields.WriteFields(context, w);
            });
            var channel = ChannelPatch.Create(body);
            if (fields.Id(context) is { } id)
            {
                channel = channel with { Id = id };
            }

            var config = context.Edit(current => ConfigEdits.AddChannel(current, channel));
            return ChannelsCommand.Report(context, config, config.MessagesUpstream.Count - 1, "Added");
        });
        return command;
    }

    public static Command CreateUpdate(CliConsole console)
    {
        var channelArgument = ChannelsCommand.ChannelArgument();
        var fields = ChannelFieldOptions.ForUpdate();
        var command = new Command("update", "Change the fields given as options; every other field keeps its value.")
        {
            channelArgument, CliOptions.Json,
        };
        fields.AddTo(command);
        CommandRunner.SetAction(command, console, context =>
        {
            var changed = 0;
            var patch = Patch(w => changed = fields.WriteFields(context, w));
            if (changed == 0)
            {
                return context.Fail(ExitCodes.Invalid, "nothing to change: give at least one field option (see `channels update --help`).");
            }

            var index = -1;
            var config = context.Edit(current =>
            {
                index = ChannelRef.Resolve(current, context.GetValue(channelArgument), allowName: true);
                return ConfigEdits.ReplaceChannel(current, index, ChannelPatch.Apply(current.Upstream[index], patch));
            });
            return ChannelsCommand.Report(context, config, index, "Updated");
        });
        return command;
    }

    /// <summary>A JSON object written by <paramref name="writeFields"/>, as <see cref="ChannelPatch"/> takes it.</summary>
    private static JsonElement Patch(Action<Utf8JsonWriter> writeFields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
