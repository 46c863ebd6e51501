using ClaudeProxy.Hosting;
using Xunit;

namespace ClaudeProxy.Tests.Cli;

/// <summary><c>--version</c>: the version, the commit and the build date, from what the build wrote into the assembly.</summary>
public sealed class VersionTests
{
    [Fact]
    public async Task Version_prints_one_line_with_the_version_commit_and_build_date()
    {
        using var cli = new CliHarness();

        var run = await cli.RunWithoutConfigAsync(["--version"]);

        var line = Assert.Single(run.Succeeded().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(BuildInfo.Current.Describe(), line.TrimEnd());
        Assert.Matches(@"^claude-proxy \d+\.\d+\.\d+\S* \((commit [0-9a-f]{7}|commit unknown), (built \S+|built locally)\)$", line.TrimEnd());
    }

    [Fact]
    public void The_commit_is_the_informational_version_suffix_in_git_short_form()
    {
        var build = BuildInfo.Parse("0.1.0+26169cb2f1e0a9d8c7b6a5f4e3d2c1b0a9f8e7d6", "2026-12-05");

        Assert.Equal(new BuildInfo("0.1.0", "26169cb", "2026-12-05"), build);
        Assert.Equal("claude-proxy 0.1.0 (commit 26169cb, built 2026-12-05)", build.Describe());
    }

    [Fact]
    public void A_build_without_commit_or_date_says_so_instead_of_guessing()
    {
        var build = BuildInfo.Parse("0.1.0", null);

        Assert.Equal("claude-proxy 0.1.0 (commit unknown, built locally)", build.Describe());
    }

    [Theory]
    [InlineData("1.2.0-beta.1+local.26169cb2f1e0", "1.2.0-beta.1", "26169cb")]
    [InlineData("1.2.0+local", "1.2.0", null)]
    [InlineData("1.2.0+abc", "1.2.0", null)]
    [InlineData("", "0.0.0", null)]
    public void Build_metadata_names_a_commit_only_when_its_last_part_is_a_hash(string informational, string version, string? commit)
    {
        var build = BuildInfo.Parse(informational, " ");

        Assert.Equal(version, build.Version);
        Assert.Equal(commit, build.Commit);
        Assert.Null(build.BuildDate);
    }

    [Fact]
    public void The_gateway_version_is_the_bare_version_without_build_metadata()
    {
        Assert.Equal(BuildInfo.Current.Version, GatewayVersion.Current);
        Assert.DoesNotContain('+', GatewayVersion.Current);
    }
}
