namespace ClaudeProxy.Configuration;

/// <summary>A field the file holds that the gateway keeps (every write puts it back) but does not act on.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Paths">Where the file has it: <c>upstream[1]</c>, <c>responsesUpstream[0]</c>, or the top level (<c>""</c>).</param>
/// <param name="Why">What the gateway does instead, for the fields claude-proxy defined; null for fields nobody defined.</param>
public sealed record UnusedField(string Name, IReadOnlyList<string> Paths, string? Why);

/// <summary>
/// What a loaded config means that its owner should hear: the fields kept but not used, and the active channels
/// without keys (treated as suspended). Said once at start-up and by <c>claude-proxy config validate</c>.
/// </summary>
public static class ConfigNotices
{
    /// <summary>claude-proxy's fields the gateway carries without acting on them, and what it does instead.</summary>
    private static readonly Dictionary<string, string> Explained = new(StringComparer.Ordinal)
    {
        ["lowQuality"] = "token counts in the request log are the upstream's as reported, on every channel",
        ["historicalApiKeys"] = "the request log keeps each key's usage under its fingerprint, retired keys included",
        ["apiKeyConfigs"] = "per-key names and weights: keys are taken by the channel's loadBalance",
        ["disabledApiKeys"] = "those keys stay out of rotation, as there; `claude-proxy keys add` puts one back",
        ["suspensionSource"] = "a suspended channel stays suspended until its status is set to active",
        ["authHeader"] = "a claude channel's authStyle chooses x-api-key or bearer",
        ["customHeaders"] = "a channel's headers field sets upstream request headers",
        ["supportedModels"] = "a channel's models field lists the model patterns it serves",
    };

    public static IReadOnlyList<UnusedField> UnusedFields(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in config.Extra?.Keys ?? Enumerable.Empty<string>())
        {
            Add(name, "");
        }

        var positions = new Dictionary<ChannelList, int>();
        foreach (var channel in config.Upstream)
        {
            var list = channel?.List ?? ChannelList.Messages;
            var position = positions.GetValueOrDefault(list);
            positions[list] = position + 1;
            foreach (var name in channel?.Extra?.Keys ?? Enumerable.Empty<string>())
            {
                Add(name, $"{list.FileName()}[{position}]");
            }
        }

        return [.. found.Select(f => new UnusedField(f.Key, f.Value, Explained.GetValueOrDefault(f.Key)))];

        void Add(string name, string path)
        {
            if (!found.TryGetValue(name, out var paths))
            {
                found[name] = paths = [];
            }

            paths.Add(path);
        }
    }

    /// <summary>One line per notice, as the start-up log and the CLI print them.</summary>
    public static IReadOnlyList<string> Lines(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        foreach (var field in UnusedFields(config))
        {
            var where = field.Paths.All(p => p.Length == 0) ? "" : $" ({string.Join(", ", field.Paths.Select(p => p.Length == 0 ? "top level" : p))})";
            lines.Add($"kept, not used: {field.Name}{where}{(field.Why is null ? "" : $" — {field.Why}")}");
        }

        foreach (var channel in config.Upstream)
        {
            if (channel is not null && channel.IsActive && channel.ApiKeys.Count == 0)
            {
                lines.Add($"channel '{channel.DisplayName}' is active but has no API keys: treated as suspended until one is added");
            }
        }

        return lines;
    }
}
