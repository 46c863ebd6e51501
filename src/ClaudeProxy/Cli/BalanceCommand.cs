using System.CommandLine;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;

namespace ClaudeProxy.Cli;

/// <summary><c>balance [strategy]</c>: the global key strategy (claude-proxy's <c>loadBalance</c>).</summary>
internal static class BalanceCommand
{
    public static Command Create(CliConsole console)
    {
        var strategy = new Argument<string?>("strategy")
        {
            Description = $"{string.Join(", ", LoadBalanceStrategy.All)}; none shows the current one.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("balance", "Show or set how channels pick among their keys.") { strategy, CliOptions.Json };
        CommandRunner.SetAction(command, console, context =>
        {
            var config = context.GetValue(strategy) is { } chosen
                ? context.Edit(current => ConfigEdits.SetLoadBalance(current, chosen))
                : context.ReadConfig();
            if (context.Json)
            {
                context.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("loadBalance", config.LoadBalance);
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine($"loadBalance  {config.LoadBalance}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
