namespace ClaudeProxy.Observability.Usage.Bodies;

/// <summary>
/// Stands in for the response body while body logging is on: every write goes through to the client
/// unchanged and at once (flushes included, so a stream's events are not held back), and the first
/// bytes, up to the limit, are kept for the request log.
/// </summary>
public sealed class ResponseCaptureStream(Stream inner, int maxBytes) : Stream
{
    private readonly MemoryStream _kept = new();

    /// <summary>Every byte written, kept or not.</summary>
    public long Written { get; private set; }

    /// <summary>The first bytes written, at most the limit.</summary>
    public ReadOnlySpan<byte> Kept => _kept.GetBuffer().AsSpan(0, (int)_kept.Length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Keep(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Keep(ReadOnlySpan<byte> buffer)
    {
        Written += buffer.Length;
        var room = maxBytes - (int)_kept.Length;
        if (room > 0)
        {
            _kept.Write(buffer[..Math.Min(room, buffer.Length)]);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The client's response stream belongs to the server, not to this wrapper.
        if (disposing)
        {
            _kept.Dispose();
        }

        base.Dispose(disposing);
    }
}
