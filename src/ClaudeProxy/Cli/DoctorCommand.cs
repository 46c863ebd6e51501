using System.CommandLine;
using ClaudeProxy.Cli.Doctor;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Cli;

/// <summary>
/// <c>claude-proxy doctor</c>: checks what a start needs — the settings, the config file, the access key, a free
/// port — and whether each channel's upstream answers, saying for each problem what to do.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliConsole console)
    {
        var probe = UrlProbe.Default;
        var offline = new Option<bool>("--offline") { Description = "Do not contact the channels' upstreams (no DNS, no HTTP)." };
        var command = new Command(
            "doctor",
            $"Check the settings, config file, access key and port, and that every channel's upstream answers (each within {probe.Timeout.TotalSeconds:0} s, all at once; no key is sent). Exit 0 when nothing failed, {ExitCodes.CheckFailed} when a check failed.")
        {
            ServeCommand.PortOption, offline, CliOptions.Json,
        };
        CommandRunner.SetAction(command, console, async (context, cancellationToken) =>
        {
            var checks = new List<DoctorCheck>();
            var settings = ReadSettings(context, console, checks);
            var config = ConfigFileChecks.Run(context.ConfigPath);
            checks.AddRange(config.Checks);
            checks.AddRange(AccessKeyChecks.Run(console.Variables, context.ConfigPath));
            checks.Add(settings is null ? DoctorCheck.Skip(PortCheck.Name, "not checked: the settings above are malformed") : PortCheck.Run(settings));
            if (config.Config is { } valid)
            {
                checks.AddRange(await ChannelChecks.RunAsync(valid, probe, context.GetValue(offline), cancellationToken));
            }

            if (context.Json)
            {
                context.WriteJson(w => DoctorReport.WriteJson(w, checks));
            }
            else
            {
                DoctorReport.WriteText(context.Out, checks);
            }

            return checks.Any(c => c.Status == CheckStatus.Fail) ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The server's settings (environment over <c>.env</c>, then <c>--port</c>); null, with a failed check, when malformed.</summary>
    private static GatewaySettings? ReadSettings(CommandContext context, CliConsole console, List<DoctorCheck> checks)
    {
        try
        {
            var settings = GatewaySettingsReader.Read(console.Variables);
            return context.GetValue(ServeCommand.PortOption) is { } port ? settings with { Port = port } : settings;
        }
        catch (SettingsException ex)
        {
            checks.Add(DoctorCheck.Fail("settings", "the environment or .env is malformed", "correct the variables named above") with
            {
                Notes = ex.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => l != "Invalid settings:").ToList(),
            });
            return null;
        }
    }
}
