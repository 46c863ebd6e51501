namespace ClaudeProxy.Routing.Policies;

/// <summary>
/// A channel's <c>modelMapping</c>: an exact match wins; otherwise the longest source contained in
/// the requested name (case-insensitive), ties broken by ordinal order, so the result never depends
/// on dictionary order.
/// </summary>
public static class ModelMapper
{
    public static string Map(IReadOnlyDictionary<string, string>? mapping, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (mapping is null || mapping.Count == 0)
        {
            return model;
        }

        if (mapping.TryGetValue(model, out var exact))
        {
            return exact;
        }

        string? bestSource = null;
        foreach (var source in mapping.Keys)
        {
            if (source.Length == 0 || !model.Contains(source, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (bestSource is null || source.Length > bestSource.Length ||
                (source.Length == bestSource.Length && string.CompareOrdinal(source, bestSource) < 0))
            {
                bestSource = source;
            }
        }

        return bestSource is null ? model : mapping[bestSource];
    }
}
