using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Tests.Cli;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClaudeProxy.Tests.Cost;

/// <summary><c>prices</c> survives every way the config is written: edits, id assignment, the admin API, export and import.</summary>
public sealed class PricesRoundTripTests
{
    private const string Prices = """{"claude-x*": {"input": 3, "output": 15, "cacheRead": 0.3, "cacheWrite": 3.75}, "house-*": {"input": 0.5, "output": 1.5}}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsonNode ExpectedPrices => JsonNode.Parse(Prices)!;

    private static string ConfigWithPrices(string channels) => $$"""{"upstream": [{{channels}}], "loadBalance": "failover", "prices": {{Prices}}}""";

    private static void AssertPricesIn(JsonNode? config) =>
        Assert.True(JsonNode.DeepEquals(ExpectedPrices, config?["prices"]), $"prices lost or changed: {config?.ToJsonString()}");

    [Fact]
    public async Task An_edit_through_the_config_store_and_the_ids_added_on_load_keep_the_prices()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "config.json");
        // No ids: loading writes the file back with ids added.
        await File.WriteAllTextAsync(path, ConfigWithPrices("""{"name":"a","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["k-a"]}"""), Token);
        var store = new ConfigStore(path, TimeProvider.System, NullLogger<ConfigStore>.Instance);
        store.LoadOrCreate();
        AssertPricesIn(JsonNode.Parse(await File.ReadAllTextAsync(path, Token)));

        store.Update(config => ConfigEdits.AddChannel(config, new ChannelConfig { Id = "ch_b", Name = "b", ServiceType = "claude", BaseUrl = "https://api.anthropic.com", ApiKeys = ["k-b"] }));

        AssertPricesIn(JsonNode.Parse(await File.ReadAllTextAsync(path, Token)));
        Assert.Equal(0.5, store.Current.Prices!["house-*"].Input);
    }

    [Fact]
    public async Task An_admin_API_edit_keeps_the_prices_and_they_survive_export_and_import()
    {
        var channel = TestConfigs.Channel("first", "claude", new Uri("http://127.0.0.1:9/"), "sk-ant-api03-RealSecretKeyForPrices-AAAA");
        channel["id"] = "ch_first";
        await using var gateway = await TestGateway.StartAsync(ConfigWithPrices(channel.ToJsonString()));
        using var client = gateway.CreateClient();

        using var edited = await client.PutAsync("/api/loadbalance", TestGateway.Json("""{"strategy":"random"}"""), Token);
        AssertPricesIn(JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath, Token)));
        var exported = JsonNode.Parse(await (await client.GetAsync("/api/config/export", Token)).Content.ReadAsStringAsync(Token))!;
        AssertPricesIn(exported);

        exported["prices"]!["house-*"]!["input"] = 0.75;
        using var imported = await client.PostAsync("/api/config/import", TestGateway.Json(exported.ToJsonString()), Token);

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(0.75, gateway.ConfigStore.Current.Prices!["house-*"].Input);
        Assert.Equal(3.75, gateway.ConfigStore.Current.Prices["claude-x*"].CacheWrite);
    }

    [Fact]
    public async Task An_import_with_a_broken_price_is_refused_naming_the_field()
    {
        await using var gateway = await TestGateway.StartAsync(ConfigWithPrices(""));
        using var client = gateway.CreateClient();

        using var refused = await client.PostAsync("/api/config/import", TestGateway.Json("""{"upstream":[],"prices":{"claude-x*":{"input":-3,"output":15}}}"""), Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("prices.claude-x*.input: expected a non-negative number", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(3, gateway.ConfigStore.Current.Prices!["claude-x*"].Input);
    }

    [Fact]
    public async Task The_command_line_export_and_import_and_its_edits_keep_the_prices()
    {
        var config = JsonNode.Parse(CliHarness.TwoChannels)!;
        config["prices"] = ExpectedPrices;
        using var cli = await CliHarness.WithConfigAsync(config.ToJsonString());
        var exported = Path.Combine(cli.FolderPath, "export.json");
        var export = (await cli.RunAsync("config", "export")).Succeeded();
        AssertPricesIn(export.Json());
        await File.WriteAllTextAsync(exported, export.Output, Token);
        (await cli.RunAsync("balance", "random")).Succeeded();
        AssertPricesIn(await cli.ConfigJsonAsync());

        await File.WriteAllTextAsync(cli.ConfigPath, CliHarness.TwoChannels, Token);
        (await cli.RunAsync("config", "import", exported)).Succeeded();

        AssertPricesIn(await cli.ConfigJsonAsync());
    }
}
