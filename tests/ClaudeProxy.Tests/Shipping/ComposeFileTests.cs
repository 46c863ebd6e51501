using ClaudeProxy.Tests.TestKit;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>compose.yaml: one gateway service built from the Dockerfile, its state in a volume, settings from .env.</summary>
public sealed class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = Load();

    private static YamlMappingNode Service
    {
        get
        {
            var services = (YamlMappingNode)Compose["services"];
            return (YamlMappingNode)Assert.Single(services.Children).Value;
        }
    }

    [Fact]
    public void Compose_runs_one_service_built_from_the_repository_Dockerfile_that_restarts_unless_stopped()
    {
        var build = (YamlMappingNode)Service["build"];
        Assert.Equal(".", Scalar(build["context"]));
        Assert.False(build.Children.ContainsKey("dockerfile"));
        Assert.Equal("unless-stopped", Scalar(Service["restart"]));
    }

    [Fact]
    public void Compose_keeps_the_config_access_key_and_request_log_in_a_named_volume_at_the_image_s_config_folder()
    {
        var mount = Scalar(Assert.Single(((YamlSequenceNode)Service["volumes"]).Children));
        var (volume, target) = (mount.Split(':')[0], mount.Split(':')[1]);
        Assert.Equal("/app/.config", target);
        Assert.True(((YamlMappingNode)Compose["volumes"]).Children.ContainsKey(volume), $"volume {volume} is declared");

        var recipe = Dockerfile.Parse(File.ReadAllText(RepositoryFolder.File("Dockerfile")));
        Assert.Equal([target], recipe.Final.Last("VOLUME")!.Exec);
    }

    [Fact]
    public void Compose_reads_settings_from_an_optional_dot_env_and_publishes_the_container_port()
    {
        var envFile = (YamlMappingNode)Assert.Single(((YamlSequenceNode)Service["env_file"]).Children);
        Assert.Equal(".env", Scalar(envFile["path"]));
        Assert.Equal("false", Scalar(envFile["required"]));

        var port = Scalar(Assert.Single(((YamlSequenceNode)Service["ports"]).Children));
        var recipe = Dockerfile.Parse(File.ReadAllText(RepositoryFolder.File("Dockerfile")));
        Assert.EndsWith(":" + recipe.Final.Last("EXPOSE")!.Rest, port, StringComparison.Ordinal);
        // The container always listens on the exposed port; PORT in .env moves only the host side.
        Assert.Equal(recipe.Final.Last("EXPOSE")!.Rest, Scalar(((YamlMappingNode)Service["environment"])["PORT"]));
    }

    private static string Scalar(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value!;

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(RepositoryFolder.File("compose.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
