using ClaudeProxy.Configuration;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>.env.example, shipped in every archive: copied to .env as it is, it must start the gateway and say only true things.</summary>
public sealed class EnvExampleTests
{
    private static readonly string ExamplePath = RepositoryFolder.File(".env.example");

    [Fact]
    public void The_env_example_read_as_a_dot_env_gives_settings_without_a_problem_and_the_defaults_it_shows()
    {
        var values = DotEnvFile.Read(ExamplePath);

        var settings = GatewaySettingsReader.Read(name => values.GetValueOrDefault(name));

        var defaults = GatewaySettingsReader.Read(_ => null);
        Assert.Equal(defaults.Port, settings.Port);
        Assert.Equal(defaults.Host, settings.Host);
        Assert.Equal(defaults.ShutdownTimeout, settings.ShutdownTimeout);
        Assert.Equal(defaults.EnableWebUi, settings.EnableWebUi);
        Assert.Equal(defaults.LogRetentionDays, settings.LogRetentionDays);
    }

    [Fact]
    public void Every_variable_the_env_example_names_set_or_commented_out_is_one_the_gateway_reads()
    {
        var asked = new HashSet<string>(StringComparer.Ordinal);
        GatewaySettingsReader.Read(name =>
        {
            asked.Add(name);
            return null;
        });

        var named = File.ReadAllLines(ExamplePath)
            .Select(l => l.TrimStart('#', ' '))
            .Where(l => l.Length > 0 && char.IsUpper(l[0]) && l.Contains('=', StringComparison.Ordinal) && !l.Contains(' ', StringComparison.Ordinal))
            .Select(l => l.Split('=')[0])
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, asked));
    }
}
