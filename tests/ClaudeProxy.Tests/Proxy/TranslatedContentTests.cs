using System.Text;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Upstreams.Translating;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>
/// A translated body is sent from the mapper's pooled buffer, and that buffer goes back to the pool
/// only once nothing can read it any more: a buffer back in the pool may carry another request's bytes.
/// </summary>
public sealed class TranslatedContentTests
{
    private const string Request = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_translated_body_is_sent_whole_with_its_length()
    {
        var mapping = Map();
        var expected = mapping.Body.ToArray();
        using var content = new TranslatedContent(mapping);
        using var sent = new MemoryStream();

        await content.CopyToAsync(sent, Token);

        Assert.Equal(expected.Length, content.Headers.ContentLength);
        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, sent.ToArray());
    }

    [Fact]
    public void Disposing_the_request_returns_the_buffer()
    {
        var mapping = Map();
        var content = new TranslatedContent(mapping);

        content.Dispose();

        Assert.True(mapping.Body.IsEmpty);
    }

    [Fact]
    public async Task A_body_still_being_written_when_the_request_is_disposed_is_returned_only_after_the_write_ends()
    {
        var mapping = Map();
        var length = mapping.Body.Length;
        var content = new TranslatedContent(mapping);
        var upstream = new HeldStream();
        var sending = content.CopyToAsync(upstream, Token);
        await upstream.WriteStarted.Task.WaitAsync(Token);

        content.Dispose();
        Assert.Equal(length, mapping.Body.Length);

        upstream.Release.SetResult();
        await sending;
        Assert.True(mapping.Body.IsEmpty);
        Assert.Equal(length, upstream.Length);
    }

    private static RequestMapping Map() => ChatRequestMapper.Map(Encoding.UTF8.GetBytes(Request), new ChatRequestOptions { Model = "gpt-5" });

    /// <summary>An upstream connection that takes the body only when the test says so.</summary>
    private sealed class HeldStream : MemoryStream
    {
        public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WriteStarted.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            await base.WriteAsync(buffer, cancellationToken);
        }
    }
}
