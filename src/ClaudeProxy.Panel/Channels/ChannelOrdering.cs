namespace ClaudeProxy.Panel.Channels;

/// <summary>
/// The channel order the page sends after a move (arrow or drag): every channel reference once, the
/// moved one at its new position, the others keeping their relative order.
/// </summary>
public static class ChannelOrdering
{
    /// <summary>
    /// <paramref name="order"/> with <paramref name="reference"/> moved to <paramref name="index"/> (clamped
    /// to the list), or null when it would not change — no request is worth sending then.
    /// </summary>
    public static IReadOnlyList<string>? Move(IReadOnlyList<string> order, string reference, int index)
    {
        ArgumentNullException.ThrowIfNull(order);
        var from = IndexOf(order, reference);
        if (from < 0)
        {
            return null;
        }

        var to = Math.Clamp(index, 0, order.Count - 1);
        if (to == from)
        {
            return null;
        }

        var moved = order.Where((_, i) => i != from).ToList();
        moved.Insert(to, reference);
        return moved;
    }

    private static int IndexOf(IReadOnlyList<string> order, string reference)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (string.Equals(order[i], reference, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
