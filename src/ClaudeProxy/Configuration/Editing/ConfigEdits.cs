using ClaudeProxy.Security;

namespace ClaudeProxy.Configuration.Editing;

/// <summary>
/// Every change a person can make to the config, as pure functions from one snapshot to the next.
/// The admin API and the CLI both apply them through <see cref="ConfigStore.Update"/>, which
/// validates, backs up, writes atomically and swaps — so the two surfaces cannot drift apart.
/// </summary>
public static class ConfigEdits
{
    public static ProxyConfig AddChannel(ProxyConfig config, ChannelConfig channel)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(channel);
        var id = channel.Id ?? ConfigNormalizer.NewChannelId();
        if (config.Upstream.Any(c => c.Id == id))
        {
            throw new ConfigEditException(ConfigEditError.Conflict, $"A channel with id '{id}' exists already.", "id");
        }

        Validate(channel with { Id = id });
        // A new channel joins the file's upstream list, whose last place is right before any door list's channels.
        return config with { Upstream = [.. config.Upstream, channel with { Id = id, List = ChannelList.Messages }] };
    }

    /// <summary>Puts <paramref name="channel"/> in the place of the one at <paramref name="index"/>; one that is not active loses its promotion, as in claude-proxy.</summary>
    public static ProxyConfig ReplaceChannel(ProxyConfig config, int index, ChannelConfig channel)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(channel);
        Validate(channel);
        var replacement = channel.IsActive || channel.PromotionUntil is null ? channel : channel with { PromotionUntil = null };
        return config with { Upstream = [.. config.Upstream.Select((c, i) => i == index ? replacement : c)] };
    }

    public static ProxyConfig RemoveChannel(ProxyConfig config, int index)
    {
        ArgumentNullException.ThrowIfNull(config);
        var removed = config.Upstream[index];
        var position = PositionInList(config, index);
        var upstream = config.Upstream.Where((_, i) => i != index).ToList();
        var remaining = upstream.Count(c => c.List == removed.List);
        // "Current" counts within the removed channel's own list: it stays on the same channel, and is
        // clamped when the current one itself goes (claude-proxy's behaviour).
        int Shift(int current) => Math.Clamp(position < current ? current - 1 : current, 0, Math.Max(0, remaining - 1));
        return removed.List switch
        {
            ChannelList.Messages => config with { Upstream = upstream, CurrentUpstream = Shift(config.CurrentUpstream) },
            ChannelList.Responses when config.CurrentResponsesUpstream is { } current =>
                config with { Upstream = upstream, CurrentResponsesUpstream = Shift(current) },
            _ => config with { Upstream = upstream },
        };
    }

    public static ProxyConfig AddKey(ProxyConfig config, int index, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(config);
        var key = apiKey?.Trim() ?? "";
        if (key.Length == 0)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, "apiKey must not be empty.", "apiKey");
        }

        var channel = config.Upstream[index];
        if (channel.ApiKeys.Contains(key, StringComparer.Ordinal))
        {
            throw new ConfigEditException(ConfigEditError.Conflict, $"Channel '{channel.DisplayName}' has this key already.", "apiKey");
        }

        return ReplaceChannel(config, index, channel with { ApiKeys = [.. channel.ApiKeys, key] });
    }

    /// <summary>
    /// Adds several keys in one edit, all or none: blank entries are skipped, repeats within the list
    /// count once, and a key the channel has already refuses the whole list, named by its masked form.
    /// </summary>
    public static ProxyConfig AddKeys(ProxyConfig config, int index, IReadOnlyList<string> apiKeys)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(apiKeys);
        var keys = apiKeys.Select(k => k?.Trim() ?? "").Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, "apiKeys: give at least one non-empty key.", "apiKeys");
        }

        var channel = config.Upstream[index];
        var present = keys.Where(k => channel.ApiKeys.Contains(k, StringComparer.Ordinal)).Select(SecretMask.Mask).ToList();
        if (present.Count > 0)
        {
            throw new ConfigEditException(ConfigEditError.Conflict,
                $"Channel '{channel.DisplayName}' has {(present.Count == 1 ? "this key" : "these keys")} already: {string.Join(", ", present)}. No key was added.", "apiKeys");
        }

        return ReplaceChannel(config, index, channel with { ApiKeys = [.. channel.ApiKeys, .. keys] });
    }

    public static ProxyConfig RemoveKey(ProxyConfig config, int index, string keyReference)
    {
        ArgumentNullException.ThrowIfNull(config);
        var channel = config.Upstream[index];
        var position = KeyRef.Resolve(channel, keyReference);
        return ReplaceChannel(config, index, channel with { ApiKeys = [.. channel.ApiKeys.Where((_, i) => i != position)] });
    }

    /// <summary>
    /// claude-proxy's "use this channel": it becomes the first one tried among the channels of its file list.
    /// Without priorities that is the list's "current" (<c>currentUpstream</c>, <c>currentResponsesUpstream</c>);
    /// with priorities — and in <c>geminiUpstream</c>, which has no "current" — it gets one lower than the lowest.
    /// </summary>
    public static ProxyConfig MakeCurrent(ProxyConfig config, int index)
    {
        ArgumentNullException.ThrowIfNull(config);
        var channel = config.Upstream[index];
        var position = PositionInList(config, index);
        var updated = channel.List switch
        {
            ChannelList.Messages => config with { CurrentUpstream = position },
            ChannelList.Responses => config with { CurrentResponsesUpstream = position },
            _ => config,
        };
        var members = config.Upstream.Where(c => c.List == channel.List).ToList();
        if (channel.List != ChannelList.Gemini && !members.Any(c => c.Priority is not null))
        {
            return updated;
        }

        var lowest = members.Select((c, i) => c.Priority ?? i).Min();
        return ReplaceChannel(updated, index, channel with { Priority = Math.Min(channel.Priority ?? position, lowest - 1), Status = ChannelStatus.Active });
    }

    /// <summary>
    /// Puts the channels in the given order (every channel named once, by id or position). Without
    /// priorities the list order is the routing order and "current" follows its channel. With
    /// priorities those decide, so they are renumbered 0, 1, 2… in the new order — except that
    /// neighbours which shared a priority before keep sharing one, so a tier stays a tier.
    /// </summary>
    public static ProxyConfig Reorder(ProxyConfig config, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(references);
        var order = references.Select(r => ChannelRef.Resolve(config, r)).ToList();
        if (order.Count != config.Upstream.Count || order.Distinct().Count() != order.Count)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"The order must name each of the {config.Upstream.Count} channels exactly once.", "order");
        }

        var upstream = order.Select(i => config.Upstream[i]).ToList();
        if (config.Upstream.Any(c => c.Priority is not null))
        {
            upstream = Renumber(config, order);
        }

        // Each list's "current" follows its channel to the channel's new position in that list.
        var reordered = config with { Upstream = upstream };
        int Follow(ChannelList list, int current) =>
            IndexInList(config, list, current) is var was and >= 0 ? PositionInList(reordered, order.IndexOf(was)) : 0;
        return reordered with
        {
            CurrentUpstream = Follow(ChannelList.Messages, config.CurrentUpstream),
            CurrentResponsesUpstream = config.CurrentResponsesUpstream is { } responses ? Follow(ChannelList.Responses, responses) : null,
        };
    }

    /// <summary>The position of the channel at <paramref name="index"/> among the channels of its own file list.</summary>
    private static int PositionInList(ProxyConfig config, int index)
    {
        var list = config.Upstream[index].List;
        return config.Upstream.Take(index).Count(c => c.List == list);
    }

    /// <summary>The index in <see cref="ProxyConfig.Upstream"/> of the channel at <paramref name="position"/> of <paramref name="list"/>, or -1.</summary>
    private static int IndexInList(ProxyConfig config, ChannelList list, int position)
    {
        var seen = 0;
        for (var i = 0; i < config.Upstream.Count; i++)
        {
            if (config.Upstream[i].List == list && seen++ == position)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The channels in <paramref name="order"/> with priorities 0, 1, 2…, one number per run of equal effective priority.</summary>
    private static List<ChannelConfig> Renumber(ProxyConfig config, List<int> order)
    {
        var result = new List<ChannelConfig>(order.Count);
        var tier = -1;
        int? previous = null;
        foreach (var index in order)
        {
            var channel = config.Upstream[index];
            var effective = channel.Priority ?? index;
            if (effective != previous)
            {
                tier++;
                previous = effective;
            }

            result.Add(channel with { Priority = tier });
        }

        return result;
    }

    public static ProxyConfig SetLoadBalance(ProxyConfig config, string strategy)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!LoadBalanceStrategy.IsKnown(strategy))
        {
            throw new ConfigEditException(ConfigEditError.Invalid, $"strategy: unknown strategy '{strategy}'; expected one of {string.Join(", ", LoadBalanceStrategy.All)}.", "strategy");
        }

        return config with { LoadBalance = strategy };
    }

    public static ProxyConfig SetStatus(ProxyConfig config, int index, string status)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ReplaceChannel(config, index, config.Upstream[index] with { Status = status });
    }

    /// <summary>
    /// Promotes the channel: it goes before every other one until <paramref name="until"/>. One channel
    /// at a time, so any other promotion ends; only an active channel can be promoted.
    /// </summary>
    public static ProxyConfig Promote(ProxyConfig config, int index, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(config);
        var channel = config.Upstream[index];
        if (!channel.IsActive)
        {
            throw new ConfigEditException(ConfigEditError.Conflict, $"Channel '{channel.DisplayName}' is {channel.Status}: make it active before promoting it.", "status");
        }

        return config with
        {
            Upstream = [.. config.Upstream.Select((c, i) => i == index ? c with { PromotionUntil = until } : c.PromotionUntil is null ? c : c with { PromotionUntil = null })],
        };
    }

    public static ProxyConfig EndPromotion(ProxyConfig config, int index)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ReplaceChannel(config, index, config.Upstream[index] with { PromotionUntil = null });
    }

    public static ProxyConfig SetMapping(ProxyConfig config, int index, string source, string target)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(source) || string.IsNullOrWhiteSpace(target))
        {
            throw new ConfigEditException(ConfigEditError.Invalid, "A mapping needs a source and a target model.", "modelMapping");
        }

        var channel = config.Upstream[index];
        var mapping = new Dictionary<string, string>(channel.ModelMapping ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [source] = target };
        return ReplaceChannel(config, index, channel with { ModelMapping = mapping });
    }

    public static ProxyConfig RemoveMapping(ProxyConfig config, int index, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        var channel = config.Upstream[index];
        if (channel.ModelMapping is null || !channel.ModelMapping.ContainsKey(source))
        {
            throw new ConfigEditException(ConfigEditError.NotFound, $"Channel '{channel.DisplayName}' maps no model '{source}'.", "modelMapping");
        }

        var mapping = channel.ModelMapping.Where(p => p.Key != source).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return ReplaceChannel(config, index, channel with { ModelMapping = mapping.Count == 0 ? null : mapping });
    }

    /// <summary>Validates one channel, naming the first bad field.</summary>
    public static void Validate(ChannelConfig channel)
    {
        var issues = new List<ConfigIssue>();
        ConfigValidator.ValidateChannel(channel, "channel", issues);
        if (issues.Count > 0)
        {
            var field = issues[0].Path["channel.".Length..];
            throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: {issues[0].Message}", field);
        }
    }
}
