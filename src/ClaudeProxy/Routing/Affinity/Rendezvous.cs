using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ClaudeProxy.Routing.Affinity;

/// <summary>
/// Weighted rendezvous (highest random weight) hashing: every member scores each conversation, and the
/// highest score wins. Adding or removing a member moves only the conversations it wins or won, and
/// the scores depend on nothing but the conversation, the member and its weight, so two gateways with
/// the same config make the same choice without talking to each other. Hashes are XxHash3 with seed 0
/// over UTF-16 code units: the same on every process and machine.
/// </summary>
public static class Rendezvous
{
    /// <summary>The stable hash of a member's identity (a channel id, an API key) or of a conversation key.</summary>
    public static ulong Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    /// <summary>
    /// The member's score for the conversation: <c>-weight / ln(u)</c> with <c>u</c> uniform in (0, 1) from
    /// the pair's hash, which makes each member win in proportion to its weight.
    /// </summary>
    public static double Score(ulong conversation, ulong member, int weight)
    {
        if (weight <= 0)
        {
            return 0;
        }

        Span<byte> pair = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(pair, conversation);
        BinaryPrimitives.WriteUInt64LittleEndian(pair[8..], member);
        var hash = XxHash3.HashToUInt64(pair);
        var uniform = ((hash >> 11) + 0.5) / (1UL << 53);
        return -weight / Math.Log(uniform);
    }
}
