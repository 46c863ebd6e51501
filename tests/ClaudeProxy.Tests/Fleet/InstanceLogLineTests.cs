using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>An instance that is one of several names itself in each request's log line; a single gateway writes the line as always.</summary>
public sealed class InstanceLogLineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The request log line the gateway wrote for its Messages request, once it is out.</summary>
    private static async Task<string> MessagesLogLineAsync(FleetGateway gateway)
    {
        Assert.Equal("200", await gateway.SendMessageAsync("log me", Token));
        string? line = null;
        await Eventually.HoldsAsync(() =>
            {
                line = gateway.Process.Output.Split('\n').FirstOrDefault(l => l.Contains("RequestLogMiddleware", StringComparison.Ordinal) &&
                    l.Contains("POST /v1/messages 200 ", StringComparison.Ordinal));
                return Task.FromResult(line is not null);
            },
            $"{gateway.Id} logs its Messages request", Token);
        return line!;
    }

    private static string Config(FakeUpstream upstream)
    {
        upstream.SetDefault(AnthropicFakes.Message("ok"));
        return TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-one"));
    }

    [Fact]
    public async Task With_INSTANCE_ID_set_each_request_log_line_starts_with_the_instance_id()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await FleetGateway.StartAsync("gw-logged", Config(upstream), new Dictionary<string, string>(), Token);

        var line = await MessagesLogLineAsync(gateway);
        Assert.Contains("[gw-logged] POST /v1/messages 200 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_Redis_without_INSTANCE_ID_each_request_log_line_names_the_default_id()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await FleetGateway.StartUnnamedAsync(Config(upstream), new Dictionary<string, string> { ["REDIS_URL"] = redis.Url }, Token);

        var line = await MessagesLogLineAsync(gateway);
        Assert.Contains($"[{InstanceIdentity.DefaultId()}] POST /v1/messages 200 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_gateway_without_INSTANCE_ID_writes_request_log_lines_without_an_instance()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await FleetGateway.StartUnnamedAsync(Config(upstream), new Dictionary<string, string>(), Token);

        var line = await MessagesLogLineAsync(gateway);
        Assert.Matches(@"RequestLogMiddleware\[-?\d+\] POST /v1/messages 200 ", line);
        Assert.DoesNotContain($"[{InstanceIdentity.DefaultId()}]", gateway.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_JSON_logs_the_instance_is_a_field_of_each_request_line_only_when_it_is_one_of_several()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var json = new Dictionary<string, string> { ["LOG_FORMAT"] = "json" };
        await using var named = await FleetGateway.StartAsync("gw-json", Config(upstream), json, Token);
        await using var single = await FleetGateway.StartUnnamedAsync(Config(upstream), json, Token);

        var state = JsonNode.Parse(await MessagesLogLineAsync(named))!["State"]!;
        Assert.Equal("gw-json", (string?)state["Instance"]);
        Assert.Equal("POST", (string?)state["Method"]);
        var singleState = JsonNode.Parse(await MessagesLogLineAsync(single))!["State"]!.AsObject();
        Assert.False(singleState.ContainsKey("Instance"));
        Assert.Equal("POST", (string?)singleState["Method"]);
    }
}
