using System.CommandLine;

namespace ClaudeProxy.Cli;

/// <summary>Options shared by many commands.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write machine-readable JSON to stdout (keys stay masked).",
    };
}
