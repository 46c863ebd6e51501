using ClaudeProxy.Configuration;

namespace ClaudeProxy.Cli;

/// <summary>
/// Where a command reads and writes, and the variables it sees: the process's console and
/// environment for real use, strings and a dictionary when tests run commands in-process.
/// </summary>
public sealed record CliConsole(TextReader Input, TextWriter Output, TextWriter Error, Func<string, string?> Variables)
{
    /// <summary>The clock of commands that wait (<c>logs --follow</c>) or look back (<c>stats</c>); tests give a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The process's console; variables come from the environment over <c>.env</c>, read only when asked for.</summary>
    public static CliConsole System => new(Console.In, Console.Out, Console.Error, name => GatewaySettingsReader.EnvironmentWithDotEnv(".env")(name));
}
