using System.Text;

namespace ClaudeProxy.Bench.Mock;

/// <summary>
/// A stream whose content events are written one at a time, each carrying the moment it was sent
/// (<c>ts=&lt;19 digits&gt;;</c>, a <see cref="System.Diagnostics.Stopwatch"/> timestamp). The
/// monotonic clock is shared by every process on the machine, so the client can tell how long each
/// event took to reach it.
/// </summary>
internal sealed class PacedTemplate
{
    public PacedTemplate(string head, string eventTemplate, string tail)
    {
        var slot = eventTemplate.IndexOf(MockPayloads.TimestampSlot, StringComparison.Ordinal);
        Head = Encoding.UTF8.GetBytes(head);
        EventPrefix = Encoding.UTF8.GetBytes(eventTemplate[..slot]);
        EventSuffix = Encoding.UTF8.GetBytes(eventTemplate[(slot + MockPayloads.TimestampSlot.Length)..]);
        Tail = Encoding.UTF8.GetBytes(tail);
    }

    public ReadOnlyMemory<byte> Head { get; }

    public ReadOnlyMemory<byte> EventPrefix { get; }

    public ReadOnlyMemory<byte> EventSuffix { get; }

    public ReadOnlyMemory<byte> Tail { get; }
}
