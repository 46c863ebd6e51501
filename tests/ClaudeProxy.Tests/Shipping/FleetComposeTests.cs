using System.Text.RegularExpressions;
using ClaudeProxy.Configuration;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>
/// deploy/fleet: three gateways on one Redis and one PostgreSQL behind nginx, as the README's "Running several
/// instances" shows it. Compose's merge keys (<c>&lt;&lt;</c>) are resolved here, as Compose does.
/// </summary>
public sealed partial class FleetComposeTests
{
    private static readonly YamlMappingNode Compose = Load();
    private static readonly string Nginx = File.ReadAllText(RepositoryFolder.File("deploy", "fleet", "nginx.conf"));

    private static IReadOnlyDictionary<string, YamlMappingNode> Gateways =>
        ((YamlMappingNode)Compose["services"]).Children
            .Where(service => Scalar(service.Key).StartsWith("gateway-", StringComparison.Ordinal))
            .ToDictionary(service => Scalar(service.Key), service => Merged((YamlMappingNode)service.Value), StringComparer.Ordinal);

    [Fact]
    public void Three_gateways_are_built_from_the_repository_each_with_its_own_instance_id_and_config_volume()
    {
        Assert.Equal(["gateway-1", "gateway-2", "gateway-3"], Gateways.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, gateway) in Gateways)
        {
            var context = Scalar(((YamlMappingNode)gateway["build"])["context"]);
            Assert.True(File.Exists(Path.Combine(RepositoryFolder.File("deploy", "fleet"), context, "Dockerfile")), $"{name} builds the repository's Dockerfile");
            Assert.Equal(name, Environment(gateway)["INSTANCE_ID"]);
            Assert.Equal($"{name}-config:/app/.config", Scalar(Assert.Single(((YamlSequenceNode)gateway["volumes"]).Children)));
            Assert.Equal("unless-stopped", Scalar(gateway["restart"]));
        }
    }

    [Fact]
    public void Every_gateway_reads_the_same_access_key_Redis_and_PostgreSQL_which_are_services_of_the_file()
    {
        var settings = Gateways.Values.Select(gateway => GatewaySettingsReader.Read(name => Environment(gateway).GetValueOrDefault(name))).ToList();

        Assert.Single(settings.Select(s => s.AccessKey).Distinct());
        Assert.Single(settings.Select(s => s.RedisUrl).Distinct());
        Assert.Single(settings.Select(s => s.UsageDbUrl).Distinct());
        Assert.Equal(3, settings.Select(s => s.InstanceId).Distinct().Count());
        var services = ((YamlMappingNode)Compose["services"]).Children.Keys.Select(Scalar).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(new Uri(settings[0].RedisUrl!).Host, services);
        Assert.Contains(new Uri(settings[0].UsageDbUrl!).Host, services);
        foreach (var gateway in Gateways.Values)
        {
            var dependsOn = (YamlMappingNode)gateway["depends_on"];
            Assert.All(dependsOn.Children.Values, condition => Assert.Equal("service_healthy", Scalar(((YamlMappingNode)condition)["condition"])));
        }
    }

    [Fact]
    public void Every_variable_the_gateways_get_is_one_the_gateway_documents_in_its_env_example()
    {
        var example = File.ReadAllText(RepositoryFolder.File(".env.example"));
        foreach (var name in Gateways.Values.SelectMany(gateway => Environment(gateway).Keys).Distinct())
        {
            Assert.Matches(new Regex($"^#? ?{name}=", RegexOptions.Multiline), example);
        }
    }

    [Fact]
    public void The_load_balancer_spreads_over_exactly_the_three_gateways_on_their_port_and_passes_streams_unbuffered()
    {
        var servers = UpstreamServer().Matches(Nginx).Select(m => m.Groups[1].Value + ":" + m.Groups[2].Value).ToList();
        var port = new GatewaySettings().Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Gateways.Keys.Order(StringComparer.Ordinal).Select(name => $"{name}:{port}"), servers.Order(StringComparer.Ordinal));
        Assert.Contains("proxy_buffering off;", Nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream error timeout http_503;", Nginx, StringComparison.Ordinal);

        var balancer = (YamlMappingNode)((YamlMappingNode)Compose["services"])["load-balancer"];
        Assert.Equal($"{port}:{port}", Scalar(Assert.Single(((YamlSequenceNode)balancer["ports"]).Children)));
        Assert.Contains(((YamlSequenceNode)balancer["volumes"]).Children, mount => Scalar(mount).StartsWith("./nginx.conf:", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\s*server\s+([\w.-]+):(\d+)", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();

    /// <summary>The gateway's variables, with <c>${NAME:?message}</c> replaced by a sample value as a .env would give.</summary>
    private static Dictionary<string, string> Environment(YamlMappingNode gateway) =>
        Merged((YamlMappingNode)gateway["environment"]).Children.ToDictionary(
            pair => Scalar(pair.Key),
            pair => Placeholder().Replace(Scalar(pair.Value), match => $"sample-{match.Groups[1].Value.ToLowerInvariant()}-0123456789abcdef"),
            StringComparer.Ordinal);

    [GeneratedRegex(@"\$\{(\w+)(:\?[^}]*)?\}")]
    private static partial Regex Placeholder();

    private static YamlMappingNode Merged(YamlMappingNode node)
    {
        var merged = new YamlMappingNode();
        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var parent))
        {
            foreach (var pair in Merged((YamlMappingNode)parent).Children)
            {
                merged.Children[pair.Key] = pair.Value;
            }
        }

        foreach (var pair in node.Children.Where(pair => Scalar(pair.Key) != "<<"))
        {
            merged.Children[pair.Key] = pair.Value;
        }

        return merged;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(RepositoryFolder.File("deploy", "fleet", "compose.yaml")));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
