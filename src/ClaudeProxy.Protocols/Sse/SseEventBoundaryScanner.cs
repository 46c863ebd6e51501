namespace ClaudeProxy.Protocols.Sse;

/// <summary>
/// Finds where Server-Sent Events end (a blank line) in a byte stream that arrives in arbitrary
/// pieces, with LF, CRLF or CR line endings. It keeps its state between pieces, so each byte is
/// looked at once however the network splits the stream, and a boundary always falls after the
/// whole terminator: a blank line ending in CR at the end of a piece is reported only once the next
/// byte shows whether an LF belongs to it.
/// </summary>
public struct SseEventBoundaryScanner
{
    // All false is the state of a fresh stream, so default(SseEventBoundaryScanner) works too.
    private bool _midLine;
    private bool _lastWasCarriageReturn;
    private bool _blankLineEndedWithCarriageReturn;

    /// <summary>A scanner for a fresh stream.</summary>
    public static SseEventBoundaryScanner Create() => default;

    /// <summary>
    /// Scans <paramref name="chunk"/>, the bytes that follow everything scanned so far, and returns the
    /// offset within it just past the last complete event (0: an event ended just before it), or -1 when
    /// no event ended.
    /// </summary>
    public int Scan(ReadOnlySpan<byte> chunk)
    {
        var boundary = -1;
        for (var i = 0; i < chunk.Length; i++)
        {
            var b = chunk[i];
            if (b == (byte)'\n' && _lastWasCarriageReturn)
            {
                // The LF of a CRLF: the same terminator as the CR before it.
                _lastWasCarriageReturn = false;
                if (_blankLineEndedWithCarriageReturn)
                {
                    _blankLineEndedWithCarriageReturn = false;
                    boundary = i + 1;
                }

                continue;
            }

            if (_blankLineEndedWithCarriageReturn)
            {
                // A CR-only blank line: the event ended before this byte.
                _blankLineEndedWithCarriageReturn = false;
                boundary = i;
            }

            if (b is (byte)'\n' or (byte)'\r')
            {
                if (!_midLine)
                {
                    if (b == (byte)'\r')
                    {
                        _blankLineEndedWithCarriageReturn = true;
                    }
                    else
                    {
                        boundary = i + 1;
                    }
                }

                _midLine = false;
                _lastWasCarriageReturn = b == (byte)'\r';
            }
            else
            {
                _midLine = true;
                _lastWasCarriageReturn = false;
            }
        }

        return boundary;
    }
}
