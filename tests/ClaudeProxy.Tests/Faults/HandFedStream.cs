using System.Threading.Channels;
using ClaudeProxy.Protocols.IO;

namespace ClaudeProxy.Tests.Faults;

/// <summary>
/// An upstream body the test hands out piece by piece. <see cref="WaitForReaderAsync"/> completes
/// once the reader has taken everything handed out and asks for more, so a test knows each piece
/// was processed before it moves a fake clock.
/// </summary>
public sealed class HandFedStream : ReadOnlyStream
{
    private readonly Channel<byte[]> _pieces = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<bool> _readerWaiting = Channel.CreateUnbounded<bool>();
    private byte[] _current = [];
    private int _offset;

    public void Hand(string text) => _pieces.Writer.TryWrite(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Completes when the reader has consumed every piece handed out so far and waits for the next.</summary>
    public async Task WaitForReaderAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _readerWaiting.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            if (_pieces.Reader.Count == 0 && _offset >= _current.Length)
            {
                return;
            }
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset >= _current.Length)
        {
            _readerWaiting.Writer.TryWrite(true);
            _current = await _pieces.Reader.ReadAsync(cancellationToken);
            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

}
