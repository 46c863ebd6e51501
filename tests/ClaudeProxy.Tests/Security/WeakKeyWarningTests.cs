using ClaudeProxy.Configuration;
using ClaudeProxy.Security;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Security;

/// <summary>Short or placeholder access keys are warned about at start; a generated key is printed in full only to a terminal.</summary>
public sealed class WeakKeyWarningTests
{
    private static bool HasWarning(TestGateway gateway, string text) =>
        gateway.Logs.Lines.Any(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal))
        && gateway.Banner.ToString().Contains("Warning: ", StringComparison.Ordinal);

    [Theory]
    [InlineData("changeme")]
    [InlineData("your-secret-key")]
    [InlineData("123456")]
    [InlineData("CHANGEME")]
    public async Task A_placeholder_proxy_key_gives_a_start_up_warning_that_does_not_repeat_it(string key)
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { AccessKey = key });

        Assert.True(HasWarning(gateway, "PROXY_ACCESS_KEY is a well-known placeholder"), gateway.Logs.All);
        Assert.DoesNotContain(key, gateway.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_admin_key_gives_a_start_up_warning()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { AdminAccessKey = "short-admin" });

        Assert.True(HasWarning(gateway, "ADMIN_ACCESS_KEY is only 11 characters long"), gateway.Logs.All);
    }

    [Fact]
    public async Task A_strong_key_gives_no_warning()
    {
        await using var gateway = await TestGateway.StartAsync();

        Assert.DoesNotContain(gateway.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal));
        Assert.DoesNotContain("Warning: ", gateway.Banner.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claude_proxys_example_key_is_ignored_with_a_warning_naming_the_generated_keys_file()
    {
        var settings = GatewaySettingsReader.Read(name => name == "PROXY_ACCESS_KEY" ? GatewaySettingsReader.SeedPlaceholderKey : null);
        await using var gateway = await TestGateway.StartAsync(useDefaultAccessKey: false, settings: s => s with { AccessKeyWasPlaceholder = settings.AccessKeyWasPlaceholder });

        Assert.Null(settings.AccessKey);
        Assert.StartsWith("cpk-", gateway.AccessKey, StringComparison.Ordinal);
        Assert.True(HasWarning(gateway, "example value and is ignored"), gateway.Logs.All);
        Assert.Contains(Path.Combine(".config", "access-key"), gateway.Banner.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_key_is_not_printed_when_the_output_is_not_a_terminal_but_its_file_is_named()
    {
        await using var gateway = await TestGateway.StartAsync(useDefaultAccessKey: false, bannerIsTerminal: false);

        var banner = gateway.Banner.ToString();
        Assert.DoesNotContain(gateway.AccessKey, banner, StringComparison.Ordinal);
        Assert.Contains("generated now; the full key is in", banner, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(".config", "access-key"), banner, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("your-proxy-access-key", true)]
    [InlineData("123456", true)]
    [InlineData("fifteen-chars-x", true)]
    [InlineData("sixteen-chars-xy", false)]
    public void Weak_keys_are_those_shorter_than_sixteen_characters_or_placeholders(string key, bool weak) =>
        Assert.Equal(weak, WeakKeyCheck.Problem(key, "PROXY_ACCESS_KEY") is not null);

    [Fact]
    public void The_repository_ignores_dot_env_files()
    {
        var ignored = File.ReadAllLines(RepositoryFolder.File(".gitignore")).Select(l => l.Trim());
        Assert.Contains(".env", ignored);
    }
}
