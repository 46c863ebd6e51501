using System.Buffers;
using ClaudeProxy.Protocols.IO;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// An upstream body whose first bytes were read ahead (to see that the answer arrived before
/// committing): reads give those bytes first, then the rest of the body. Owns both; disposing
/// returns the pooled buffer and closes the body.
/// </summary>
public sealed class PrefetchedStream(byte[] pooled, int length, Stream rest) : ReadOnlyStream
{
    private byte[] _pooled = pooled;
    private int _offset;

    /// <summary>The bytes read ahead that have not been read through the stream yet.</summary>
    public ReadOnlySpan<byte> ReadAhead => _pooled.AsSpan(_offset, Math.Max(0, Math.Min(length, _pooled.Length) - _offset));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (TryReadAhead(buffer, out var copied))
        {
            return copied;
        }

        return rest.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        TryReadAhead(buffer.Span, out var copied) ? ValueTask.FromResult(copied) : rest.ReadAsync(buffer, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReturnBuffer();
            rest.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool TryReadAhead(Span<byte> destination, out int copied)
    {
        var remaining = length - _offset;
        if (remaining <= 0 || _pooled.Length == 0)
        {
            ReturnBuffer();
            copied = 0;
            return false;
        }

        copied = Math.Min(remaining, destination.Length);
        _pooled.AsSpan(_offset, copied).CopyTo(destination);
        _offset += copied;
        return true;
    }

    private void ReturnBuffer()
    {
        var buffer = Interlocked.Exchange(ref _pooled, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
