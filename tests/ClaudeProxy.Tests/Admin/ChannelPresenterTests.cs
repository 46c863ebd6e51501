using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Admin;
using ClaudeProxy.Cli;
using ClaudeProxy.Configuration;
using ClaudeProxy.Security;
using Xunit;

namespace ClaudeProxy.Tests.Admin;

/// <summary>One presenter behind the admin API's channels and the CLI's: the same fields, keys masked the same way.</summary>
public sealed class ChannelPresenterTests
{
    private const string KeyA = "sk-ant-api03-presenter-key-a-000000000001";
    private const string KeyB = "sk-ant-api03-presenter-key-b-000000000002";
    private const string CarriedKey = "sk-ant-api03-presenter-carried-0000000003";

    /// <summary>Every field a channel can have, in the order both views give them.</summary>
    private static readonly string[] SharedFields =
    [
        "index", "id", "name", "serviceType", "baseUrl", "baseUrls", "apiKeys", "modelMapping", "description", "website",
        "insecureSkipVerify", "status", "priority", "weight", "authStyle", "models", "loadBalance", "maxTokens",
        "reasoning", "systemMessagesInPlace", "foldSystemMessages", "forwardUserId", "doors", "list", "defaultDoors", "keyCount", "current",
    ];

    private static readonly ChannelConfig EveryField = new()
    {
        Id = "ch_relay",
        Name = "relay",
        ServiceType = ServiceType.OpenAI,
        BaseUrl = "https://relay.example.com/v1",
        BaseUrls = ["https://relay-2.example.com/v1"],
        ApiKeys = [KeyA, KeyB],
        ModelMapping = new Dictionary<string, string> { ["sonnet"] = "gpt-4o" },
        Description = "a relay",
        Website = "https://relay.example.com",
        InsecureSkipVerify = true,
        Status = ChannelStatus.Disabled,
        Priority = 2,
        Weight = 3,
        AuthStyle = AuthStyle.Bearer,
        Models = ["gpt-*"],
        LoadBalance = LoadBalanceStrategy.RoundRobin,
        MaxTokens = 8192,
        Reasoning = "openai",
        SystemMessagesInPlace = true,
        FoldSystemMessages = false,
        ForwardUserId = false,
        Doors = [ClientDoor.Messages, ClientDoor.Chat],
    };

    private static ChannelConfig Minimal(string id) =>
        new() { Id = id, ServiceType = ServiceType.Claude, BaseUrl = $"https://{id}.example.com", ApiKeys = [KeyA] };

    private static JsonObject CliJson(PresentedChannel channel)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ChannelView.WriteJson(writer, channel);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    private static IEnumerable<string> Names(JsonObject node) => node.Select(p => p.Key);

    [Fact]
    public void The_admin_api_and_the_cli_show_a_channel_with_the_same_fields()
    {
        var channel = ChannelPresenter.Present(new ProxyConfig { Upstream = [EveryField] }, 0);

        Assert.Equal(SharedFields, Names(CliJson(channel)));
        Assert.Equal([.. SharedFields, "health"], Names(ChannelViews.One(channel, health: null)));
        Assert.Equal(CliJson(channel).ToJsonString(), channel.ToJson(UnknownFields.Masked).ToJsonString());
    }

    [Fact]
    public void Keys_are_masked_and_unset_fields_are_left_out_but_priority_and_weight_show_their_defaults()
    {
        var config = new ProxyConfig { Upstream = [Minimal("a"), Minimal("b") with { ApiKeys = [KeyA, KeyB], Status = "Disabled" }] };

        var json = CliJson(ChannelPresenter.Present(config, 1));

        Assert.Equal([SecretMask.Mask(KeyA), SecretMask.Mask(KeyB)], json["apiKeys"]!.AsArray().Select(k => (string?)k));
        Assert.DoesNotContain("presenter-key", json.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal((1, 2, "disabled", 1, 1, false), ((int?)json["index"], (int?)json["keyCount"], (string?)json["status"], (int?)json["priority"], (int?)json["weight"], (bool?)json["current"]));
        Assert.Null(json["authStyle"]);
        Assert.Null(json["forwardUserId"]);
    }

    [Fact]
    public void Unknown_fields_are_shown_masked_by_the_admin_api_and_only_named_by_the_cli()
    {
        var carried = JsonDocument.Parse($$"""{"historicalApiKeys":["{{CarriedKey}}"],"note":"kept","index":99}""").RootElement;
        var channel = Minimal("a") with { Extra = carried.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()) };
        var config = new ProxyConfig { Upstream = [channel] };
        var presented = ChannelPresenter.Present(config, 0);

        var admin = ChannelViews.One(presented, health: null);
        var cli = CliJson(presented);
        var details = string.Join('\n', ChannelView.Details(presented, config));

        Assert.Equal(SecretMask.Mask(CarriedKey), (string?)admin["historicalApiKeys"]![0]);
        Assert.Equal("kept", (string?)admin["note"]);
        Assert.Equal(0, (int?)admin["index"]);
        Assert.Null(cli["historicalApiKeys"]);
        Assert.Null(cli["note"]);
        Assert.Contains("other fields (kept)    historicalApiKeys, note, index", details, StringComparison.Ordinal);
        Assert.DoesNotContain(CarriedKey, admin.ToJsonString() + cli.ToJsonString() + details, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_views_mark_as_current_the_channel_routing_tries_first()
    {
        var config = new ProxyConfig { Upstream = [Minimal("a") with { Priority = 5 }, Minimal("b") with { Priority = 0 }] };

        var admin = ChannelViews.List(config, []);
        var cli = ChannelPresenter.PresentAll(config).Select(c => (bool?)CliJson(c)["current"]);

        Assert.Equal(1, (int?)admin["current"]);
        Assert.Equal([false, true], admin["channels"]!.AsArray().Select(c => (bool?)c!["current"]));
        Assert.Equal([false, true], cli);
    }
}
