using System.CommandLine;

namespace ClaudeProxy.Cli;

/// <summary>The command tree of the <c>claude-proxy</c> executable.</summary>
public static class GatewayCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("ClaudeProxy: the Anthropic Messages API in front of Claude, OpenAI-compatible and Gemini accounts.")
        {
            ServeCommand.ConfigOption,
            ServeCommand.PortOption,
            ServeCommand.Create(),
        };
        root.SetAction((parse, cancellationToken) => ServeCommand.RunAsync(parse, cancellationToken));
        return root;
    }

    public static Task<int> RunAsync(string[] args) =>
        // The host handles Ctrl+C and SIGTERM itself and shuts down gracefully.
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
