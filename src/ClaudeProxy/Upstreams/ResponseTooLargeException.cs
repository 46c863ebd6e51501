namespace ClaudeProxy.Upstreams;

/// <summary>
/// An upstream body grew past the gateway's limit (counted after decompression, so a compression
/// bomb stops here too). An <see cref="IOException"/>: to the attempt loop it is an answer that broke.
/// </summary>
public sealed class ResponseTooLargeException : IOException
{
    public ResponseTooLargeException()
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static ResponseTooLargeException For(long maxBytes) =>
        new($"sent a body larger than {maxBytes / (1024 * 1024)} MB");
}
