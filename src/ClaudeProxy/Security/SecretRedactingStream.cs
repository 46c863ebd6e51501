using System.Buffers;
using System.Text;
using ClaudeProxy.Protocols.IO;

namespace ClaudeProxy.Security;

/// <summary>
/// Reads a relayed upstream body with every occurrence of one secret overwritten by asterisks of the
/// same length, so a <c>Content-Length</c> stays true. A read that ends in what may be the start of
/// the secret holds those bytes back until the next read settles it; nothing else is delayed, so an
/// event stream's events still arrive as soon as they are complete (an event ends in a blank line,
/// and no key starts with a line break).
/// </summary>
public sealed class SecretRedactingStream : ReadOnlyStream
{
    private const int ReadSize = 16 * 1024;

    private readonly Stream _inner;
    private readonly byte[] _secret;
    private byte[] _buffer;
    private int _readyStart;
    private int _readyEnd;
    private int _heldEnd;
    private bool _innerEnded;

    public SecretRedactingStream(Stream inner, string secret)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _inner = inner;
        _secret = Encoding.UTF8.GetBytes(secret);
        _buffer = ArrayPool<byte>.Shared.Rent(ReadSize + _secret.Length);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_readyStart == _readyEnd)
        {
            if (_innerEnded)
            {
                if (_heldEnd == _readyEnd)
                {
                    return 0;
                }

                // The body ended inside a possible key: those bytes were not one.
                _readyEnd = _heldEnd;
                break;
            }

            await FillAsync(cancellationToken);
        }

        var count = Math.Min(buffer.Length, _readyEnd - _readyStart);
        _buffer.AsMemory(_readyStart, count).CopyTo(buffer);
        _readyStart += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            _inner.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_buffer.Length > 0)
        {
            await _inner.DisposeAsync();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        await base.DisposeAsync();
    }

    /// <summary>Reads more behind the held-back bytes, overwrites every whole secret, and holds back a tail that could begin one.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var held = _heldEnd - _readyEnd;
        _buffer.AsSpan(_readyEnd, held).CopyTo(_buffer);
        var read = await _inner.ReadAsync(_buffer.AsMemory(held, _buffer.Length - held), cancellationToken);
        _readyStart = 0;
        _readyEnd = 0;
        _heldEnd = held + read;
        if (read == 0)
        {
            _innerEnded = true;
            return;
        }

        var data = _buffer.AsSpan(0, _heldEnd);
        for (var at = data.IndexOf(_secret); at >= 0; at = data.IndexOf(_secret))
        {
            data.Slice(at, _secret.Length).Fill((byte)'*');
            data = data[(at + _secret.Length)..];
        }

        _readyEnd = _heldEnd - PossibleStartLength(_buffer.AsSpan(0, _heldEnd));
    }

    /// <summary>The length of the longest tail of <paramref name="data"/> that is a proper prefix of the secret.</summary>
    private int PossibleStartLength(ReadOnlySpan<byte> data)
    {
        for (var length = Math.Min(_secret.Length - 1, data.Length); length > 0; length--)
        {
            if (data[^length..].SequenceEqual(_secret.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}
