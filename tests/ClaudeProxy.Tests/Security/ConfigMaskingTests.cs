using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Tests.Cli;
using ClaudeProxy.Security;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Security;

/// <summary>
/// Every key-like field a claude-proxy config may hold — ours, newer claude-proxy's that we only carry
/// along, and unknown ones named like secrets — is masked in the admin API's views and export and in
/// the CLI's.
/// </summary>
public sealed class ConfigMaskingTests
{
    private const string ApiKey = "sk-ant-api03-mask-apikey-000000000000000001";
    private const string Historical = "sk-ant-api03-mask-historical-0000000000002";
    private const string DisabledString = "sk-ant-api03-mask-disabled-string-0000003";
    private const string DisabledObject = "sk-ant-api03-mask-disabled-object-0000004";
    private const string Configured = "sk-ant-api03-mask-configured-00000000005";
    private const string Token = "opaque-session-token-value-0000000006";
    private const string ResponsesKey = "sk-proj-mask-responses-000000000000000007";
    private const string ResponsesHistorical = "sk-proj-mask-responses-old-0000000000008";
    private const string GeminiKey = "AIzaSyMask-gemini-upstream-0000000000009";
    private const string TopLevelSecret = "top-level-client-secret-value-00000010";

    private static readonly string[] AllSecrets =
        [ApiKey, Historical, DisabledString, DisabledObject, Configured, Token, ResponsesKey, ResponsesHistorical, GeminiKey, TopLevelSecret];

    private static readonly string Config = $$"""
        {
          "upstream": [{
            "id": "ch_main", "name": "main", "serviceType": "claude", "baseUrl": "https://api.anthropic.com",
            "apiKeys": ["{{ApiKey}}"],
            "historicalApiKeys": ["{{Historical}}"],
            "disabledApiKeys": ["{{DisabledString}}", {"key": "{{DisabledObject}}", "reason": "revoked upstream"}],
            "apiKeyConfigs": [{"key": "{{Configured}}", "weight": 2, "note": "team A"}],
            "sessionToken": "{{Token}}"
          }],
          "responsesUpstream": [{"name": "responses", "serviceType": "responses", "baseUrl": "https://api.openai.com/v1",
                                 "apiKeys": ["{{ResponsesKey}}"], "historicalApiKeys": ["{{ResponsesHistorical}}"]}],
          "geminiUpstream": [{"name": "gemini", "serviceType": "gemini", "baseUrl": "https://generativelanguage.googleapis.com", "apiKeys": ["{{GeminiKey}}"]}],
          "oauthClientSecret": "{{TopLevelSecret}}",
          "loadBalance": "failover"
        }
        """;

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    private static void AssertNoRawSecret(string text)
    {
        foreach (var secret in AllSecrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/api/channels")]
    [InlineData("/api/channels/ch_main")]
    [InlineData("/api/channels/0")]
    [InlineData("/api/config/export")]
    public async Task The_admin_api_masks_every_key_like_field_including_those_only_carried_along(string path)
    {
        await using var gateway = await TestGateway.StartAsync(Config);
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync(path, CancellationToken);
        var text = await response.Content.ReadAsStringAsync(CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoRawSecret(text);
        Assert.Contains(SecretMask.Mask(Historical), text, StringComparison.Ordinal);
        Assert.Contains(SecretMask.Mask(DisabledObject), text, StringComparison.Ordinal);
        Assert.Contains("revoked upstream", text, StringComparison.Ordinal);
        Assert.Contains("team A", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_export_masks_the_other_channel_lists_and_unknown_secret_fields()
    {
        await using var gateway = await TestGateway.StartAsync(Config);
        using var client = gateway.CreateClient();

        var exported = JsonNode.Parse(await client.GetStringAsync("/api/config/export", CancellationToken))!;

        Assert.Equal(SecretMask.Mask(ResponsesKey), (string?)exported["responsesUpstream"]![0]!["apiKeys"]![0]);
        Assert.Equal(SecretMask.Mask(GeminiKey), (string?)exported["geminiUpstream"]![0]!["apiKeys"]![0]);
        Assert.Equal(SecretMask.Mask(TopLevelSecret), (string?)exported["oauthClientSecret"]);
        Assert.Equal("https://api.openai.com/v1", (string?)exported["responsesUpstream"]![0]!["baseUrl"]);
    }

    [Theory]
    [InlineData("config", "export")]
    [InlineData("channels", "list", "--json")]
    [InlineData("channels", "show", "main", "--json")]
    [InlineData("channels", "show", "main")]
    [InlineData("keys", "list", "main")]
    public async Task The_cli_masks_every_key_like_field_too(params string[] command)
    {
        using var cli = await CliHarness.WithConfigAsync(Config);

        var run = (await cli.RunAsync(command)).Succeeded();

        run.ShowsNoRawKey(AllSecrets);
    }

    [Fact]
    public void Strings_under_secret_names_are_masked_and_other_strings_beside_them_kept()
    {
        var node = JsonNode.Parse("""{"apiKeyConfigs":[{"key":"k-0000000000000001","label":"x"}],"nested":{"authToken":"t-0000000000000002"},"maxTokens":5,"name":"n"}""")!;

        ConfigMasking.Mask(node);

        Assert.Equal("""{"apiKeyConfigs":[{"key":"k-0…0001","label":"x"}],"nested":{"authToken":"t-0…0002"},"maxTokens":5,"name":"n"}""", node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Model_names_in_a_model_mapping_are_not_taken_for_secret_names()
    {
        var node = JsonNode.Parse("""{"modelMapping":{"monkey-model":"gpt-4o","tokenizer":"gpt-5"}}""")!;

        ConfigMasking.Mask(node);

        Assert.Equal("""{"modelMapping":{"monkey-model":"gpt-4o","tokenizer":"gpt-5"}}""", node.ToJsonString());
    }

    [Fact]
    public async Task A_masked_admin_export_imported_back_keeps_the_real_carried_along_secrets()
    {
        await using var gateway = await TestGateway.StartAsync(Config);
        using var client = gateway.CreateClient();
        var exported = await client.GetStringAsync("/api/config/export", CancellationToken);

        using var response = await client.PostAsync("/api/config/import", TestGateway.Json(exported), CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = await File.ReadAllTextAsync(gateway.ConfigPath, CancellationToken);
        foreach (var secret in AllSecrets)
        {
            Assert.Contains(secret, file, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_masked_cli_export_imported_back_keeps_the_real_carried_along_secrets()
    {
        using var cli = await CliHarness.WithConfigAsync(Config);
        var exportFile = Path.Combine(cli.FolderPath, "export.json");
        await File.WriteAllTextAsync(exportFile, (await cli.RunAsync("config", "export")).Succeeded().Output, CancellationToken);

        (await cli.RunAsync("config", "import", exportFile)).Succeeded();

        var file = await cli.ConfigTextAsync();
        foreach (var secret in AllSecrets)
        {
            Assert.Contains(secret, file, StringComparison.Ordinal);
        }
    }
}
