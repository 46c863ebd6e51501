using ClaudeProxy.Configuration;

namespace ClaudeProxy.Cli;

/// <summary>
/// Where a command reads and writes, and the variables it sees: the process's console and
/// environment for real use, strings and a dictionary when tests run commands in-process.
/// </summary>
public sealed record CliConsole(TextReader Input, TextWriter Output, TextWriter Error, Func<string, string?> Variables)
{
    /// <summary>The process's console; variables come from the environment over <c>.env</c>, read only when asked for.</summary>
    public static CliConsole System => new(Console.In, Console.Out, Console.Error, name => GatewaySettingsReader.EnvironmentWithDotEnv(".env")(name));
}
