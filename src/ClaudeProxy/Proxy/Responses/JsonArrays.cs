namespace ClaudeProxy.Proxy.Responses;

/// <summary>Joins JSON arrays by their bytes, without parsing them again.</summary>
internal static class JsonArrays
{
    /// <summary><c>[a,b]</c> and <c>[c]</c> as <c>[a,b,c]</c>; both must be JSON arrays (white space around them allowed).</summary>
    public static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        first = first.Trim(" \t\r\n"u8);
        second = second.Trim(" \t\r\n"u8);
        var firstItems = first[1..^1].Trim(" \t\r\n"u8);
        var secondItems = second[1..^1].Trim(" \t\r\n"u8);
        var separator = firstItems.Length > 0 && secondItems.Length > 0 ? 1 : 0;
        var joined = new byte[2 + firstItems.Length + separator + secondItems.Length];
        joined[0] = (byte)'[';
        firstItems.CopyTo(joined.AsSpan(1));
        if (separator == 1)
        {
            joined[1 + firstItems.Length] = (byte)',';
        }

        secondItems.CopyTo(joined.AsSpan(1 + firstItems.Length + separator));
        joined[^1] = (byte)']';
        return joined;
    }
}
