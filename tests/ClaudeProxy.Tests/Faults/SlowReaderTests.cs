using System.Text;
using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.IO;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Upstreams;
using ClaudeProxy.Upstreams.Translating;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Faults;

/// <summary>
/// A client that reads slowly holds the upstream back instead of filling the gateway's memory: the
/// stream writers read the next upstream bytes only after the client took the previous ones, so at
/// most one read is ever held, however fast the upstream and however long the stream.
/// </summary>
public sealed class SlowReaderTests
{
    private const int Writes = 5;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_relayed_stream_reads_the_upstream_no_further_ahead_than_the_client_has_taken()
    {
        var upstream = new EndlessEvents("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}\n\n");
        var client = new GatedClient();
        var context = new DefaultHttpContext();
        context.Response.Body = client;
        using var timer = Timer();

        var relaying = ResponseRelay.CopyAsync(upstream, context.Response, eventStream: true, 1024 * 1024, timer);

        await AssertHeldBackAsync(upstream, client, relaying);
    }

    [Fact]
    public async Task A_translated_stream_reads_the_upstream_no_further_ahead_than_the_client_has_taken()
    {
        var upstream = new EndlessEvents("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}\n\n");
        var client = new GatedClient();
        var context = new DefaultHttpContext();
        context.Response.Body = client;
        using var timer = Timer();
        var responseContext = new ChatResponseContext("m", ToolNameMap.ForOpenAI());
        var translation = new ResponseTranslation("Chat Completions", output => new ChatStreamTranslator(output, responseContext),
            body => body, responseContext.Notes, static (_, _) => null, ChatStreamStart.CarriesAnswer);
        var attempt = new UpstreamAttempt(new RoutedChannel(new ChannelConfig { Name = "slow" }, null), 0, "slow-reader-key-0123456789");
        using var answer = new TranslatedStreamAnswer(upstream, attempt, "req_test", timer, translation, new TranslationLog(NullLogger.Instance), 1024 * 1024);

        var writing = answer.WriteAsync(context);

        await AssertHeldBackAsync(upstream, client, writing);
    }

    /// <summary>Lets the client take <see cref="Writes"/> writes one by one, checking each time that the upstream was read at most once per write.</summary>
    private static async Task AssertHeldBackAsync(EndlessEvents upstream, GatedClient client, Task writer)
    {
        for (var i = 1; i <= Writes; i++)
        {
            await client.WaitForPendingWriteAsync(Token);
            Assert.False(writer.IsCompleted);
            // Never a read beyond what the client has been handed (a translated stream writes message_start before its first read).
            Assert.InRange(upstream.Reads, 0, client.WritesStarted);
            client.Release();
        }

        Assert.True(upstream.Reads >= Writes - 1, $"the stream moved on: {upstream.Reads} reads");
    }

    private static UpstreamCallTimer Timer()
    {
        var timer = new UpstreamCallTimer(streaming: true, new GatewaySettings(), new FakeTimeProvider(), CancellationToken.None);
        timer.HeadersReceived();
        return timer;
    }

    /// <summary>An upstream as fast as can be: every read returns one more complete event.</summary>
    private sealed class EndlessEvents(string sseEvent) : ReadOnlyStream
    {
        private readonly byte[] _event = Encoding.UTF8.GetBytes(sseEvent);
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            var count = Math.Min(buffer.Length, _event.Length);
            _event.AsMemory(0, count).CopyTo(buffer);
            return ValueTask.FromResult(count);
        }
    }

    /// <summary>A client that takes one write at a time, when the test lets it.</summary>
    private sealed class GatedClient : Stream
    {
        private readonly SemaphoreSlim _pending = new(0);
        private readonly SemaphoreSlim _release = new(0);
        private int _writesStarted;

        public int WritesStarted => Volatile.Read(ref _writesStarted);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public Task WaitForPendingWriteAsync(CancellationToken cancellationToken) =>
            _pending.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ContinueWith(t => Assert.True(t.Result, "no write came"), TaskScheduler.Default);

        public void Release() => _release.Release();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writesStarted);
            _pending.Release();
            await _release.WaitAsync(cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _pending.Dispose();
                _release.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
