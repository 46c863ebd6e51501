using Anthropic.Models.Messages;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>The official Anthropic .NET SDK as the client, through the gateway, to a fake Anthropic upstream.</summary>
public sealed class PassthroughSdkTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NonStreaming_message_round_trips_through_the_sdk()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("Hello from upstream", model: "claude-sonnet-4-5", inputTokens: 12, outputTokens: 7));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-channel-key")));

        var message = await gateway.CreateSdkClient().Messages.Create(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 256,
            Messages = [new UserMessageParam { Content = "Say hello" }],
        }, Token);

        var text = Assert.Single(message.Content);
        Assert.True(text.TryPickText(out var textBlock));
        Assert.Equal("Hello from upstream", textBlock.Text);
        Assert.Equal(12, message.Usage.InputTokens);
        Assert.Equal(7, message.Usage.OutputTokens);

        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/messages", seen.Path);
        Assert.Equal("sk-ant-api03-channel-key", seen.Headers["x-api-key"]);
        Assert.False(seen.Headers.ContainsKey("authorization"));
        Assert.DoesNotContain(TestGateway.DefaultAccessKey, string.Join("\n", seen.Headers.Values));
        Assert.Equal("Say hello", seen.Json().GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Streaming_message_round_trips_through_the_sdk()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(AnthropicFakes.TextStream("claude-sonnet-4-5", "Hel", "lo, ", "wörld 👋")));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-channel-key")));

        var eventTypes = new List<string>();
        var text = new System.Text.StringBuilder();
        string? stopReason = null;
        await foreach (var streamEvent in gateway.CreateSdkClient().Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 256,
            Messages = [new UserMessageParam { Content = "Say hello" }],
        }, Token))
        {
            if (streamEvent.TryPickStart(out _))
            {
                eventTypes.Add("message_start");
            }
            else if (streamEvent.TryPickContentBlockStart(out _))
            {
                eventTypes.Add("content_block_start");
            }
            else if (streamEvent.TryPickContentBlockDelta(out var delta))
            {
                eventTypes.Add("content_block_delta");
                Assert.True(delta.Delta.TryPickText(out var textDelta));
                text.Append(textDelta.Text);
            }
            else if (streamEvent.TryPickContentBlockStop(out _))
            {
                eventTypes.Add("content_block_stop");
            }
            else if (streamEvent.TryPickDelta(out var messageDelta))
            {
                eventTypes.Add("message_delta");
                stopReason = messageDelta.Delta.StopReason?.Raw();
            }
            else if (streamEvent.TryPickStop(out _))
            {
                eventTypes.Add("message_stop");
            }
        }

        Assert.Equal("Hello, wörld 👋", text.ToString());
        Assert.Equal("end_turn", stopReason);
        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            eventTypes);
        Assert.True(Assert.Single(upstream.Requests).Json().GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Upstream_error_reaches_the_sdk_as_the_matching_exception()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Error(400, "invalid_request_error", "messages: text content blocks must be non-empty"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-channel-key")));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => gateway.CreateSdkClient().Messages.Create(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 256,
            Messages = [new UserMessageParam { Content = "x" }],
        }, Token));

        var apiError = Assert.IsAssignableFrom<Anthropic.Exceptions.AnthropicApiException>(error);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, apiError.StatusCode);
        Assert.Contains("text content blocks must be non-empty", apiError.ResponseBody, StringComparison.Ordinal);
    }
}
