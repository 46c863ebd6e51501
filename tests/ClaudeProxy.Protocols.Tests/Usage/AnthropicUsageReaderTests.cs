using System.Text;
using ClaudeProxy.Protocols.Anthropic;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Usage;

/// <summary>Reading the tokens a client was told about, from a message or from a stream's events.</summary>
public sealed class AnthropicUsageReaderTests
{
    [Fact]
    public void A_message_gives_all_four_numbers_wherever_usage_stands_in_it()
    {
        var message = """{"id":"msg_1","content":[{"type":"text","text":"usage: none here"}],"usage":{"input_tokens":12,"cache_creation_input_tokens":3,"cache_read_input_tokens":40,"output_tokens":7,"service_tier":"standard"},"stop_reason":"end_turn"}"""u8;

        Assert.True(AnthropicUsageReader.TryReadMessage(message, out var usage));

        Assert.Equal(new AnthropicUsage(12, 7, 3, 40), usage);
    }

    [Theory]
    [InlineData("""{"id":"msg_1","content":[]}""")]
    [InlineData("""not json""")]
    [InlineData("""[1,2]""")]
    public void A_body_without_usage_gives_none(string body)
    {
        Assert.False(AnthropicUsageReader.TryReadMessage(Encoding.UTF8.GetBytes(body), out _));
    }

    [Fact]
    public void A_stream_takes_input_from_message_start_and_the_cumulative_output_from_message_delta()
    {
        var usage = AnthropicUsageReader.Fold(default, "message_start"u8,
            """{"type":"message_start","message":{"id":"m","content":[],"usage":{"input_tokens":100,"cache_read_input_tokens":900,"cache_creation_input_tokens":0,"output_tokens":1}}}"""u8);
        usage = AnthropicUsageReader.Fold(usage, "content_block_delta"u8, """{"usage":{"output_tokens":999}}"""u8);
        usage = AnthropicUsageReader.Fold(usage, "message_delta"u8, """{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":42}}"""u8);

        Assert.Equal(new AnthropicUsage(InputTokens: 100, OutputTokens: 42, CacheCreationInputTokens: 0, CacheReadInputTokens: 900), usage);
    }

    [Fact]
    public void A_malformed_event_leaves_the_usage_as_it_was()
    {
        var before = new AnthropicUsage(1, 2, 3, 4);

        Assert.Equal(before, AnthropicUsageReader.Fold(before, "message_delta"u8, """{"usage":{"output_tokens":"#"""u8));
        Assert.Equal(before, AnthropicUsageReader.Fold(before, "message_start"u8, """{"message":5}"""u8));
    }
}
