using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>
/// The container recipe, checked without a container engine (none runs on the build machines): lint rules,
/// the build stage running the script CI publishes with, and what the final image holds.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly Dockerfile Recipe = Dockerfile.Parse(File.ReadAllText(RepositoryFolder.File("Dockerfile")));

    [Fact]
    public void The_Dockerfile_breaks_none_of_the_lint_rules() =>
        Assert.Empty(DockerfileRules.Check(Recipe));

    [Fact]
    public void The_lint_rules_catch_each_mistake_they_describe()
    {
        var bad = Dockerfile.Parse("""
            FROM debian AS build
            MAINTAINER someone
            WORKDIR src
            ADD https://example.com/tool.tar.gz /tmp/
            RUN cd /tmp && sudo apt-get upgrade && apt-get install gcc && curl -o x https://example.com/x | sh
            FROM mcr.microsoft.com/dotnet/runtime-deps:latest
            COPY --from=builder /out /app
            CMD /app/claude-proxy
            CMD ["/app/claude-proxy"]
            USER root
            """);

        var found = DockerfileRules.Check(bad).Select(p => p.Split(' ')[0]).ToHashSet();

        foreach (var rule in new[]
        {
            "DL3006", "DL3007", "DL4000", "DL3000", "DL3020", "DL3003", "DL3004", "DL3005", "DL3014", "DL3015", "DL3009",
            "DL3047/DL4001", "DL4006", "DL3022", "DL3025", "DL4003/DL4004", "DL3002",
        })
        {
            Assert.Contains(rule, found);
        }
    }

    [Fact]
    public void The_build_stage_publishes_with_the_script_CI_runs_and_nothing_else_calls_dotnet_publish()
    {
        var build = Recipe.Stages[0];
        Assert.Contains(build.All("RUN"), run => run.Rest.Contains("build/publish.sh", StringComparison.Ordinal));
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", build.Image, StringComparison.Ordinal);

        var ci = File.ReadAllText(RepositoryFolder.File(".ci", "run"));
        Assert.Contains("build/publish.sh", ci, StringComparison.Ordinal);
        foreach (var text in new[] { ci, File.ReadAllText(RepositoryFolder.File("Dockerfile")) })
        {
            Assert.DoesNotContain("dotnet publish", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_final_image_holds_only_the_binary_on_a_runtime_deps_image_and_runs_it_as_a_non_root_user()
    {
        var final = Recipe.Final;
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/runtime-deps:10\.0-[a-z]+-chiseled$", final.Image);
        // A chiseled image has no shell: nothing may RUN in it.
        Assert.Empty(final.All("RUN"));

        var copy = Assert.Single(final.All("COPY"));
        Assert.Equal(Recipe.Stages[0].Name, copy.Flags["from"]);
        Assert.Equal("/app /app", copy.Rest);
        Assert.Equal("$APP_UID:$APP_UID", copy.Flags["chown"]);
        // The build stage puts exactly the binary and an empty owner-only .config there.
        var install = Assert.Single(Recipe.Stages[0].All("RUN"), run => run.Rest.Contains("build/publish.sh", StringComparison.Ordinal));
        Assert.Contains("install -D -m 0755 /out/publish/linux-*/claude-proxy /app/claude-proxy", install.Rest, StringComparison.Ordinal);
        Assert.Contains("install -d -m 0700 /app/.config", install.Rest, StringComparison.Ordinal);

        Assert.Equal("$APP_UID", final.Last("USER")!.Rest);
        Assert.Equal("/app", final.Last("WORKDIR")!.Rest);
        Assert.Equal(["/app/claude-proxy"], final.Last("ENTRYPOINT")!.Exec);
        Assert.Equal(["/app/.config"], final.Last("VOLUME")!.Exec);
        Assert.Null(final.Last("CMD"));
    }

    [Fact]
    public void The_image_exposes_the_port_it_listens_on_and_checks_its_own_health()
    {
        var final = Recipe.Final;
        var environment = final.All("ENV").SelectMany(e => e.Rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(environment["PORT"], final.Last("EXPOSE")!.Rest);
        Assert.Equal("0.0.0.0", environment["HOST"]);
        Assert.Equal("production", environment["ENV"]);

        var health = final.Last("HEALTHCHECK")!;
        Assert.True(health.Flags.ContainsKey("interval"));
        Assert.True(health.Flags.ContainsKey("timeout"));
        Assert.StartsWith("CMD ", health.Rest, StringComparison.Ordinal);
        Assert.Equal(["/app/claude-proxy", "health"], DockerInstruction.ExecWords(health.Rest[4..]));
    }

    [Fact]
    public void The_image_carries_the_OCI_labels_for_title_version_revision_and_licence()
    {
        var labels = string.Join(' ', Recipe.Final.All("LABEL").Select(l => l.Rest));
        foreach (var label in new[] { "title", "description", "version", "revision", "licenses" })
        {
            Assert.Contains($"org.opencontainers.image.{label}=", labels, StringComparison.Ordinal);
        }

        Assert.Contains("org.opencontainers.image.licenses=\"MIT\"", labels, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_context_keeps_what_the_publish_needs_and_leaves_out_build_outputs_and_secrets()
    {
        var ignore = DockerIgnore.Read(RepositoryFolder.File(".dockerignore"));

        foreach (var needed in new[]
        {
            "build/publish.sh", "src/ClaudeProxy/ClaudeProxy.csproj", "src/ClaudeProxy.Panel/ClaudeProxy.Panel.csproj",
            "src/ClaudeProxy.Protocols/ClaudeProxy.Protocols.csproj", "Directory.Build.props", "Directory.Packages.props",
            "global.json", "README.md", "LICENSE", ".env.example",
        })
        {
            Assert.True(File.Exists(RepositoryFolder.File(needed.Split('/'))), needed);
            Assert.False(ignore.Excludes(needed), $"{needed} must reach the build");
        }

        foreach (var left in new[] { "src/ClaudeProxy/bin/Release/x.dll", "src/ClaudeProxy/obj/project.assets.json", "artifacts/native/claude-proxy", ".env", ".config/access-key", "tests/claude-code/node_modules/x" })
        {
            Assert.True(ignore.Excludes(left), $"{left} must stay out of the build context");
        }
    }
}
