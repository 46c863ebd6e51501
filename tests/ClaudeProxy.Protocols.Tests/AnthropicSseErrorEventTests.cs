using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using Xunit;

namespace ClaudeProxy.Protocols.Tests;

public sealed class AnthropicSseErrorEventTests
{
    private static readonly byte[] Prefix = "event: error\ndata: "u8.ToArray();
    private static readonly byte[] Suffix = "\n\n"u8.ToArray();

    [Fact]
    public void An_SSE_error_event_with_a_simple_message_has_the_exact_frame()
    {
        var frame = AnthropicSseErrorEvent.ToUtf8Bytes("overloaded_error", "Overloaded");

        Assert.Equal(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
            Encoding.UTF8.GetString(frame));
    }

    [Theory]
    [InlineData("api_error", "Upstream closed the connection")]
    [InlineData("overloaded_error", "He said \"busy\" \\ try later")]
    [InlineData("api_error", "模型 überlastet — 🎉")]
    [InlineData("timeout_error", "line one\nline two\r\nline three")]
    [InlineData("api_error", "")]
    public void The_data_line_of_an_SSE_error_event_parses_with_its_type_and_message_for_any_message(string errorType, string message)
    {
        var frame = AnthropicSseErrorEvent.ToUtf8Bytes(errorType, message);

        Assert.True(frame.AsSpan().StartsWith(Prefix));
        Assert.True(frame.AsSpan().EndsWith(Suffix));
        var data = frame.AsSpan(Prefix.Length, frame.Length - Prefix.Length - Suffix.Length);
        using var document = JsonDocument.Parse(data.ToArray());
        var root = document.RootElement;
        Assert.Equal("error", root.GetProperty("type").GetString());
        Assert.Equal(errorType, root.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(message, root.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("carriage\rreturn")]
    [InlineData("crlf\r\nhere")]
    public void A_message_with_line_breaks_stays_one_data_line_and_one_event(string message)
    {
        var frame = AnthropicSseErrorEvent.ToUtf8Bytes("api_error", message);

        // Exactly two line breaks inside the frame before the terminating blank line: after the
        // event field and after the data field. A raw break in the JSON would split the event.
        var body = frame.AsSpan(0, frame.Length - 1);
        Assert.Equal(2, body.Count((byte)'\n'));
        Assert.Equal(0, frame.AsSpan().Count((byte)'\r'));
    }

    [Fact]
    public void A_non_ASCII_message_is_written_as_readable_UTF_8()
    {
        var frame = AnthropicSseErrorEvent.ToUtf8Bytes("api_error", "模型 \"x\"");

        var text = Encoding.UTF8.GetString(frame);
        Assert.Contains("\"message\":\"模型 \\\"x\\\"\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_SSE_error_frame_is_one_complete_event_for_the_boundary_scanner()
    {
        var frame = AnthropicSseErrorEvent.ToUtf8Bytes("api_error", "boom");
        var scanner = Sse.SseEventBoundaryScanner.Create();

        Assert.Equal(frame.Length, scanner.Scan(frame));
    }
}
