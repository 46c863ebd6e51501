namespace ClaudeProxy.Protocols.Sse;

/// <summary>
/// An event stream sent one event (or line) larger than the reader accepts. It is an
/// <see cref="IOException"/> because, to whoever reads the stream, it is a stream that broke.
/// </summary>
public sealed class SseEventTooLargeException : IOException
{
    public SseEventTooLargeException()
    {
    }

    public SseEventTooLargeException(string message)
        : base(message)
    {
    }

    public SseEventTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The error for a stream whose event passed <paramref name="maxEventBytes"/>.</summary>
    public static SseEventTooLargeException For(long maxEventBytes) =>
        new($"sent an event larger than {SizeText(maxEventBytes)}");

    private static string SizeText(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} bytes";
}
