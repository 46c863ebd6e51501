using System.Runtime.CompilerServices;
using System.Text;

namespace ClaudeProxy.Panel.Services;

/// <summary>One server-sent event: its <c>event:</c> name (<c>message</c> when none) and its <c>data:</c> lines joined by newlines.</summary>
public sealed record ServerSentEvent(string Name, string Data);

/// <summary>Reads a <c>text/event-stream</c> body into events, as the browser's EventSource would (comments and unknown fields skipped).</summary>
public static class ServerSentEvents
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        string? name = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                // A blank line ends the event; one without data is not dispatched.
                if (hasData)
                {
                    yield return new ServerSentEvent(string.IsNullOrEmpty(name) ? "message" : name, data.ToString());
                }

                name = null;
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
            }
        }

        // A stream that ends mid-event drops that event, as EventSource does.
    }
}
