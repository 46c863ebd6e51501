using System.Buffers;

namespace ClaudeProxy.Proxy;

/// <summary>
/// The client's body, read once into a pooled buffer and reused by every attempt. Returned to the
/// pool when the request is done, after every upstream call that read it has been disposed.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[] _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public static RequestBody Empty { get; } = new([], 0);

    /// <summary>A body a door made of the client's (its translation to the hub); not pooled.</summary>
    public static RequestBody Of(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new RequestBody(bytes, bytes.Length) { _pooled = false };
    }

    private bool _pooled = true;

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>Most bodies fit in one buffer of this size; larger ones grow as their bytes arrive.</summary>
    private const int InitialBufferBytes = 256 * 1024;

    /// <summary>
    /// Reads the whole body, at most <paramref name="maxBytes"/>. A <c>Content-Length</c> over the limit
    /// is refused before anything is read or allocated, and memory grows only with bytes that really
    /// arrived, so a client announcing a huge body costs nothing. Over the limit, a 413
    /// <see cref="BadHttpRequestException"/> (Kestrel's own limit counts chunked bodies the same way).
    /// </summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var expected = request.ContentLength is { } length ? (int)Math.Min(length, InitialBufferBytes) : 16 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(expected, 1));
        var total = 0;
        try
        {
            while (true)
            {
                var capacity = (int)Math.Min(buffer.Length, maxBytes);
                if (total == capacity)
                {
                    if (total >= maxBytes)
                    {
                        // One byte more than allowed would have to fit somewhere: the body is over the limit.
                        var probe = new byte[1];
                        if (await request.Body.ReadAsync(probe, cancellationToken) > 0)
                        {
                            throw TooLarge(maxBytes);
                        }

                        return new RequestBody(buffer, total);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    capacity = (int)Math.Min(buffer.Length, maxBytes);
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(total, capacity - total), cancellationToken);
                if (read == 0)
                {
                    return new RequestBody(buffer, total);
                }

                total += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static BadHttpRequestException TooLarge(long maxBytes) =>
        new($"The request body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0 && _pooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
