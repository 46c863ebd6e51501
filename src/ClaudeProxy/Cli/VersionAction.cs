using System.CommandLine;
using System.CommandLine.Invocation;
using ClaudeProxy.Hosting;

namespace ClaudeProxy.Cli;

/// <summary><c>--version</c>: one line with the version, the commit and the build date, in place of System.CommandLine's bare version.</summary>
internal sealed class VersionAction(CliConsole console) : SynchronousCommandLineAction
{
    /// <summary>As the built-in action: <c>--version</c> answers even when the rest of the line would not parse.</summary>
    public override bool ClearsParseErrors => true;

    public static void Replace(RootCommand root, CliConsole console)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionAction(console);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        console.Output.WriteLine(BuildInfo.Current.Describe());
        return ExitCodes.Ok;
    }
}
