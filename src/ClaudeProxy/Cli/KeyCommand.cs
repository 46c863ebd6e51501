using System.CommandLine;
using ClaudeProxy.Security;

namespace ClaudeProxy.Cli;

/// <summary>
/// <c>key generate</c> makes a new access key for the gateway; <c>key &lt;channel&gt; add|remove|list</c>
/// is claude-proxy's way of managing a channel's upstream keys, kept for its users (it runs <c>keys …</c>).
/// </summary>
internal static class KeyCommand
{
    public static Command Create(CliConsole console)
    {
        var generate = new Command("generate", "Print a new strong access key (\"cpk-\" and 43 random base62 characters, about 256 bits); set it as PROXY_ACCESS_KEY.")
        {
            CliOptions.Json,
        };
        CommandRunner.SetAction(generate, console, context =>
        {
            var key = AccessKeyProvider.Generate();
            if (context.Json)
            {
                context.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("key", key);
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine(key);
            }

            return ExitCodes.Ok;
        });

        var channel = ChannelsCommand.ChannelArgument();
        var verb = new Argument<string>("action") { Description = "add, remove or list." };
        verb.AcceptOnlyFromAmong("add", "remove", "list");
        var key = new Argument<string?>("key")
        {
            Description = $"For add: the key ({KeysCommand.FromStdin} reads stdin); for remove: the key, its masked form or its position.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("key", "`key generate`: a new access key. `key <channel> add|remove|list [<key>]`: claude-proxy's form of `keys`.")
        {
            generate, channel, verb, key, CliOptions.Json,
        };
        CommandRunner.SetAction(command, console, context =>
        {
            var reference = context.GetValue(channel);
            var given = context.GetValue(key);
            return context.GetValue(verb) switch
            {
                "list" => KeysCommand.List(context, reference),
                _ when given is null => context.Fail(ExitCodes.Invalid, $"`key {reference} {context.GetValue(verb)}` needs the key."),
                "add" => KeysCommand.Add(context, reference, given),
                _ => KeysCommand.Remove(context, reference, given),
            };
        });
        return command;
    }
}
