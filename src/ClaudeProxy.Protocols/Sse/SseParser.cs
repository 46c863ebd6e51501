using System.Buffers;

namespace ClaudeProxy.Protocols.Sse;

/// <summary>
/// An incremental Server-Sent Events parser (WHATWG event-stream rules) over raw bytes: LF, CRLF
/// or CR line endings, <c>:</c> comments, multi-line <c>data:</c>, any split of the input between
/// calls. It splits only on ASCII bytes and hands each event's data on as bytes, so a UTF-8
/// character split across network reads is never decoded in halves. One event (its data, or any
/// single line) may hold at most <see cref="MaxEventBytes"/>, so an upstream that never ends an
/// event cannot make it hold unbounded memory.
/// </summary>
public sealed class SseParser : IDisposable
{
    /// <summary>The default bound on one event: far above any real event, far below the machine's memory.</summary>
    public const int DefaultMaxEventBytes = 32 * 1024 * 1024;

    private byte[] _line = ArrayPool<byte>.Shared.Rent(1024);
    private int _lineLength;
    private byte[] _data = ArrayPool<byte>.Shared.Rent(4096);
    private int _dataLength;
    private bool _hasData;
    private byte[] _eventName = ArrayPool<byte>.Shared.Rent(64);
    private int _eventNameLength;
    private bool _skipLineFeed;
    private bool _blockHasLines;

    public SseParser(int maxEventBytes = DefaultMaxEventBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 1);
        MaxEventBytes = maxEventBytes;
    }

    /// <summary>The most bytes one event's data, or one line, may hold; more throws <see cref="SseEventTooLargeException"/>.</summary>
    public int MaxEventBytes { get; }

    /// <summary>
    /// Feeds the next bytes of the stream; completed events go to <paramref name="consumer"/> in order.
    /// Returns how many blocks (events, or comment-only keep-alives) ended in this chunk: the measure
    /// of progress, since bytes that never complete a block are no sign of life.
    /// </summary>
    public int Feed(ReadOnlySpan<byte> chunk, ISseEventConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var blocks = 0;
        while (!chunk.IsEmpty)
        {
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (chunk[0] == (byte)'\n')
                {
                    chunk = chunk[1..];
                    continue;
                }
            }

            var end = chunk.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                Append(ref _line, ref _lineLength, chunk);
                return blocks;
            }

            var line = chunk[..end];
            if (_lineLength > 0)
            {
                Append(ref _line, ref _lineLength, line);
                line = _line.AsSpan(0, _lineLength);
                _lineLength = 0;
            }

            if (!line.IsEmpty)
            {
                _blockHasLines = true;
            }
            else if (_blockHasLines)
            {
                _blockHasLines = false;
                blocks++;
            }

            ProcessLine(line, consumer);

            _skipLineFeed = chunk[end] == (byte)'\r';
            chunk = chunk[(end + 1)..];
        }

        return blocks;
    }

    /// <summary>
    /// The stream ended. Per the event-stream rules an event without its closing blank line is
    /// discarded; returns true when such a partial event (or line) was pending.
    /// </summary>
    public bool Complete()
    {
        var partial = _lineLength > 0 || _hasData || _eventNameLength > 0;
        _lineLength = 0;
        _blockHasLines = false;
        ResetEvent();
        return partial;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Interlocked.Exchange(ref _line, []));
        ArrayPool<byte>.Shared.Return(Interlocked.Exchange(ref _data, []));
        ArrayPool<byte>.Shared.Return(Interlocked.Exchange(ref _eventName, []));
    }

    private void ProcessLine(ReadOnlySpan<byte> line, ISseEventConsumer consumer)
    {
        if (line.IsEmpty)
        {
            if (_hasData)
            {
                consumer.OnEvent(_eventName.AsSpan(0, _eventNameLength), _data.AsMemory(0, _dataLength));
            }

            ResetEvent();
            return;
        }

        if (line[0] == (byte)':')
        {
            return;
        }

        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            if (_hasData)
            {
                Append(ref _data, ref _dataLength, "\n"u8);
            }

            Append(ref _data, ref _dataLength, value);
            _hasData = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _eventNameLength = 0;
            Append(ref _eventName, ref _eventNameLength, value);
        }
    }

    private void ResetEvent()
    {
        _dataLength = 0;
        _hasData = false;
        _eventNameLength = 0;
    }

    private void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> bytes)
    {
        if ((long)length + bytes.Length > MaxEventBytes)
        {
            throw SseEventTooLargeException.For(MaxEventBytes);
        }

        if (length + bytes.Length > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes.Length));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);

            buffer = larger;
        }

        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }
}
