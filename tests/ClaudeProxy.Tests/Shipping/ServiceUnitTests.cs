using System.Diagnostics;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>deploy/claude-proxy.service: hardened, its state where the gateway looks for it, and accepted by systemd-analyze.</summary>
public sealed class ServiceUnitTests
{
    private static readonly string UnitPath = RepositoryFolder.File("deploy", "claude-proxy.service");

    private static readonly ILookup<string, string> Service = Section("Service");

    [Theory]
    [InlineData("NoNewPrivileges", "yes")]
    [InlineData("AmbientCapabilities", "")]
    [InlineData("CapabilityBoundingSet", "")]
    [InlineData("ProtectSystem", "strict")]
    [InlineData("ProtectHome", "yes")]
    [InlineData("PrivateTmp", "yes")]
    [InlineData("PrivateDevices", "yes")]
    [InlineData("RestrictSUIDSGID", "yes")]
    [InlineData("Restart", "on-failure")]
    [InlineData("UMask", "0077")]
    public void The_service_is_hardened(string key, string value) =>
        Assert.Equal([value], Service[key]);

    [Fact]
    public void The_service_runs_as_its_own_system_user_in_the_state_folder_where_its_config_is_kept()
    {
        var user = Assert.Single(Service["User"]);
        Assert.NotEqual("root", user);
        var sysusers = File.ReadAllLines(RepositoryFolder.File("deploy", "claude-proxy.sysusers"))
            .Where(l => l.StartsWith("u ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Single();
        Assert.Equal(user, sysusers[1]);

        var state = Assert.Single(Service["StateDirectory"]);
        Assert.Equal($"/var/lib/{state}", Assert.Single(Service["WorkingDirectory"]));
        Assert.Equal("0700", Assert.Single(Service["StateDirectoryMode"]));
        // systemd waits longer than the gateway's own drain (SHUTDOWN_TIMEOUT, 30 s) before it kills.
        Assert.True(int.Parse(Assert.Single(Service["TimeoutStopSec"]).TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture) > 30);
        Assert.Equal(["/usr/local/bin/claude-proxy"], Service["ExecStart"]);
    }

    [Fact]
    public async Task Systemd_analyze_verify_accepts_the_unit_without_a_warning()
    {
        var outcome = await VerifyAsync(unit => unit);

        Assert.Equal(0, outcome.ExitCode);
        // verify exits 0 on an unknown key or a bad value too; it only says so.
        Assert.Equal("", (outcome.StandardOutput + outcome.StandardError).Trim());
    }

    [Fact]
    public async Task Systemd_analyze_verify_reports_a_misspelt_key_so_the_check_above_can_fail()
    {
        var outcome = await VerifyAsync(unit => unit.Replace("NoNewPrivileges=yes", "NoNewPrivilege=yes", StringComparison.Ordinal));

        Assert.Contains("Unknown key 'NoNewPrivilege'", outcome.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>systemd-analyze verify</c> on a copy of the unit, edited by <paramref name="edit"/>.</summary>
    private static async Task<ProcessOutcome> VerifyAsync(Func<string, string> edit)
    {
        var analyze = CliProcess.FindOnPath("systemd-analyze")
            ?? throw new InvalidOperationException("systemd-analyze is needed to check the service unit (Debian: apt-get install systemd)");
        using var folder = new TempFolder();
        // The unit names the installed binary; verify wants it to exist, so the copy runs the binary under test.
        var unit = File.ReadAllText(UnitPath).Replace(
            "ExecStart=/usr/local/bin/claude-proxy", $"ExecStart={GatewayProcess.BinaryPath}", StringComparison.Ordinal);
        var copy = Path.Combine(folder.Path, "claude-proxy.service");
        await File.WriteAllTextAsync(copy, edit(unit), TestContext.Current.CancellationToken);

        return await CliProcess.RunAsync(
            new ProcessStartInfo(analyze) { ArgumentList = { "verify", "--man=no", copy } }, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }

    /// <summary>The key/value lines of one [section] of the unit (a key may repeat; an empty value is kept).</summary>
    private static ILookup<string, string> Section(string name)
    {
        var inSection = false;
        var pairs = new List<(string Key, string Value)>();
        foreach (var raw in File.ReadAllLines(UnitPath))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inSection = line == $"[{name}]";
            }
            else if (inSection && line.Length > 0 && !line.StartsWith('#') && line.Split('=', 2) is [var key, var value])
            {
                pairs.Add((key.Trim(), value.Trim()));
            }
        }

        return pairs.ToLookup(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
