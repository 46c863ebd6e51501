using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors;
using ClaudeProxy.Upstreams.Passthrough;
using Microsoft.AspNetCore.Http.Features;

namespace ClaudeProxy.Proxy.Doors;

/// <summary>
/// A door's writer: stands in for the response body (as ASP.NET Core's response compression does) and
/// turns the Anthropic answer the Messages path writes into the client's protocol through the door's
/// <see cref="DoorAnswer"/> — an event stream event by event as it arrives, a JSON message once it is
/// complete. Error answers are already in the door's envelope (<see cref="Hosting.GatewayErrors"/> writes
/// them by path) and pass as they are.
/// </summary>
internal sealed class DoorResponseBody : Stream, IHttpResponseBodyFeature, IDoorPassthroughFeature
{
    private readonly HttpContext _context;
    private readonly IHttpResponseBodyFeature _inner;
    private readonly DoorAnswer _answer;
    private readonly ArrayBufferWriter<byte> _translated = new();
    private Mode _mode;
    private IDoorStreamTranslator? _stream;
    private ArrayBufferWriter<byte>? _message;
    private PipeWriter? _writer;
    private bool _finished;

    private DoorResponseBody(HttpContext context, IHttpResponseBodyFeature inner, DoorAnswer answer)
    {
        _context = context;
        _inner = inner;
        _answer = answer;
    }

    private enum Mode
    {
        Undecided,
        PassThrough,
        EventStream,
        Message,
    }

    /// <summary>Puts the writer in front of the response body for the rest of the request.</summary>
    public static DoorResponseBody Install(HttpContext context, DoorAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answer);
        var inner = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var body = new DoorResponseBody(context, inner, answer);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        context.Features.Set<IDoorPassthroughFeature>(body);
        return body;
    }

    Stream IHttpResponseBodyFeature.Stream => this;

    PipeWriter IHttpResponseBodyFeature.Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The answer is in the door's protocol already (a channel of that protocol): it passes as it is.</summary>
    void IDoorPassthroughFeature.PassThrough()
    {
        if (_mode == Mode.Undecided)
        {
            _mode = Mode.PassThrough;
        }
    }

    void IHttpResponseBodyFeature.DisableBuffering() => _inner.DisableBuffering();

    Task IHttpResponseBodyFeature.StartAsync(CancellationToken cancellationToken)
    {
        Decide();
        // A whole message is sent at the end, with its own length.
        return _mode == Mode.Message ? Task.CompletedTask : _inner.StartAsync(cancellationToken);
    }

    Task IHttpResponseBodyFeature.SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    async Task IHttpResponseBodyFeature.CompleteAsync()
    {
        await FinishAsync(_context.RequestAborted);
        await _inner.CompleteAsync();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Decide();
        switch (_mode)
        {
            case Mode.EventStream:
                _stream!.Write(buffer.Span, _translated);
                await WriteTranslatedAsync(cancellationToken);
                break;
            case Mode.Message:
                _message!.Write(buffer.Span);
                break;
            default:
                await _inner.Stream.WriteAsync(buffer, cancellationToken);
                break;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _mode == Mode.Message ? Task.CompletedTask : _inner.Stream.FlushAsync(cancellationToken);

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Ends the translation once the Messages path is done: a stream gets its last events (also when the
    /// upstream broke off), a message is translated and written whole. Idempotent.
    /// </summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (_context.RequestAborted.IsCancellationRequested)
        {
            // The client is gone: nothing more can reach it.
            _stream?.Dispose();
            return;
        }

        if (_writer is not null)
        {
            await _writer.FlushAsync(cancellationToken);
        }

        try
        {
            switch (_mode)
            {
                case Mode.EventStream:
                    _stream!.Complete(_translated);
                    await WriteTranslatedAsync(cancellationToken);
                    break;
                case Mode.Message:
                    await WriteMessageAsync(cancellationToken);
                    break;
            }
        }
        finally
        {
            _stream?.Dispose();
        }
    }

    private async Task WriteMessageAsync(CancellationToken cancellationToken)
    {
        byte[] message;
        try
        {
            message = _answer.TranslateMessage(_message!.WrittenSpan);
        }
        catch (JsonException)
        {
            // Nothing has been sent yet (a message waits for its end), so the client can still get a proper error.
            _context.Response.StatusCode = StatusCodes.Status502BadGateway;
            message = _answer.UnreadableMessageError();
        }

        await _answer.BeforeSendAsync();
        _context.Response.ContentLength = message.Length;
        await _inner.Stream.WriteAsync(message, cancellationToken);
    }

    private void Decide()
    {
        if (_mode != Mode.Undecided)
        {
            return;
        }

        var response = _context.Response;
        var success = response.StatusCode is >= 200 and < 300;
        var contentType = response.ContentType ?? "";
        if (success && contentType.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            _mode = Mode.EventStream;
            _stream = _answer.StartStream();
            if (_answer.StreamContentType is { } streamContentType)
            {
                response.ContentType = streamContentType;
            }
        }
        else if (success && contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            _mode = Mode.Message;
            _message = new ArrayBufferWriter<byte>();
        }
        else
        {
            _mode = Mode.PassThrough;
            return;
        }

        // The translation has a length of its own.
        response.ContentLength = null;
    }

    private async Task WriteTranslatedAsync(CancellationToken cancellationToken)
    {
        if (_translated.WrittenCount == 0)
        {
            return;
        }

        await _answer.BeforeSendAsync();
        await _inner.Stream.WriteAsync(_translated.WrittenMemory, cancellationToken);
        _translated.ResetWrittenCount();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream?.Dispose();
        }

        base.Dispose(disposing);
    }
}
