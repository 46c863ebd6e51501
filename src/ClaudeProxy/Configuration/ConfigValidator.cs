namespace ClaudeProxy.Configuration;

/// <summary>The rules a config must meet before it goes live; every broken rule is reported, not just the first.</summary>
public static class ConfigValidator
{
    public static IReadOnlyList<ConfigIssue> Validate(ProxyConfig config)
    {
        var issues = new List<ConfigIssue>();
        if (!LoadBalanceStrategy.IsKnown(config.LoadBalance))
        {
            issues.Add(new("loadBalance", $"unknown strategy '{config.LoadBalance}'; expected one of {string.Join(", ", LoadBalanceStrategy.All)}"));
        }

        foreach (var (list, strategy) in new[] { ("responsesLoadBalance", config.ResponsesLoadBalance), ("geminiLoadBalance", config.GeminiLoadBalance) })
        {
            if (strategy is not null && !LoadBalanceStrategy.IsKnown(strategy))
            {
                issues.Add(new(list, $"unknown strategy '{strategy}'; expected one of {string.Join(", ", LoadBalanceStrategy.All)}"));
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var positions = new Dictionary<ChannelList, int>();
        foreach (var channel in config.Upstream)
        {
            // A problem is named where the file has it: the channel's own list and its place in that list.
            var list = channel?.List ?? ChannelList.Messages;
            var i = positions.GetValueOrDefault(list);
            positions[list] = i + 1;
            var path = $"{list.FileName()}[{i}]";
            if (channel is null)
            {
                issues.Add(new(path, "a channel must be an object, not null"));
                continue;
            }

            ValidateChannel(channel, path, issues);
            if (channel.Id is not null && !ids.Add(channel.Id))
            {
                issues.Add(new($"{path}.id", $"duplicate channel id '{channel.Id}'"));
            }
        }

        ValidatePrices(config.Prices, issues);
        return issues;
    }

    /// <summary>
    /// <c>prices</c>: every entry an object with non-negative <c>input</c> and <c>output</c>, optional
    /// <c>cacheRead</c>/<c>cacheWrite</c>, nothing else. A problem is named <c>prices.&lt;pattern&gt;.&lt;field&gt;</c>.
    /// </summary>
    private static void ValidatePrices(IReadOnlyDictionary<string, PriceConfig>? prices, List<ConfigIssue> issues)
    {
        if (prices is null)
        {
            return;
        }

        foreach (var (pattern, price) in prices)
        {
            var path = $"prices.{pattern}";
            if (string.IsNullOrWhiteSpace(pattern))
            {
                issues.Add(new("prices", "a model pattern must not be empty"));
                continue;
            }

            if (price is null)
            {
                issues.Add(new(path, "expected an object such as {\"input\": 3, \"output\": 15}, not null"));
                continue;
            }

            CheckPrice(price.Input, $"{path}.input", required: true, issues);
            CheckPrice(price.Output, $"{path}.output", required: true, issues);
            CheckPrice(price.CacheRead, $"{path}.cacheRead", required: false, issues);
            CheckPrice(price.CacheWrite, $"{path}.cacheWrite", required: false, issues);
            foreach (var unknown in price.Extra?.Keys ?? Enumerable.Empty<string>())
            {
                issues.Add(new($"{path}.{unknown}", $"unknown field; expected one of {string.Join(", ", PriceConfig.FieldNames)}"));
            }
        }
    }

    private static void CheckPrice(double? value, string path, bool required, List<ConfigIssue> issues)
    {
        if (value is null)
        {
            if (required)
            {
                issues.Add(new(path, "required: a non-negative number (USD per million tokens)"));
            }
        }
        else if (!double.IsFinite(value.Value) || value.Value < 0)
        {
            issues.Add(new(path, "expected a non-negative number"));
        }
    }

    public static void ValidateChannel(ChannelConfig channel, string path, List<ConfigIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(issues);
        if (channel.Id is not null && (channel.Id.Length == 0 || int.TryParse(channel.Id, out _)))
        {
            issues.Add(new($"{path}.id", "an id must be a non-empty, non-numeric string (numbers address channels by position)"));
        }

        if (string.IsNullOrWhiteSpace(channel.ServiceType))
        {
            issues.Add(new($"{path}.serviceType", $"required; one of {string.Join(", ", ServiceType.All)}"));
        }
        else if (!ServiceType.IsKnown(channel.ServiceType))
        {
            issues.Add(new($"{path}.serviceType", $"unknown channel type '{channel.ServiceType}'; expected one of {string.Join(", ", ServiceType.All)}"));
        }

        if (channel.BaseUrl is not null || channel.BaseUrls is not { Count: > 0 })
        {
            ValidateBaseUrl(channel.BaseUrl, $"{path}.baseUrl", issues);
        }

        for (var u = 0; u < (channel.BaseUrls?.Count ?? 0); u++)
        {
            ValidateBaseUrl(channel.BaseUrls![u], $"{path}.baseUrls[{u}]", issues);
        }

        foreach (var door in channel.Doors ?? [])
        {
            if (!ClientDoor.IsKnown(door))
            {
                issues.Add(new($"{path}.doors", $"unknown door '{door}'; expected some of {string.Join(", ", ClientDoor.All)}"));
            }
        }

        if (!string.IsNullOrEmpty(channel.Website) && !IsHttpUrl(channel.Website))
        {
            issues.Add(new($"{path}.website", $"'{channel.Website}' is not an absolute http(s) URL"));
        }

        for (var k = 0; k < channel.ApiKeys.Count; k++)
        {
            if (string.IsNullOrWhiteSpace(channel.ApiKeys[k]))
            {
                issues.Add(new($"{path}.apiKeys[{k}]", "an API key must not be empty"));
            }
        }

        if (channel.ApiKeys.Distinct(StringComparer.Ordinal).Count() != channel.ApiKeys.Count)
        {
            issues.Add(new($"{path}.apiKeys", "the same API key is listed twice"));
        }

        if (channel.Status is not null && !ChannelStatus.All.Contains(channel.Status.ToLowerInvariant()))
        {
            issues.Add(new($"{path}.status", $"unknown status '{channel.Status}'; expected one of {string.Join(", ", ChannelStatus.All)}"));
        }

        if (channel.Weight is < 1)
        {
            issues.Add(new($"{path}.weight", "must be 1 or more"));
        }

        if (channel.AuthStyle is not null && !AuthStyle.All.Contains(channel.AuthStyle.ToLowerInvariant()))
        {
            issues.Add(new($"{path}.authStyle", $"unknown value '{channel.AuthStyle}'; expected one of {string.Join(", ", AuthStyle.All)}"));
        }

        if (channel.Reasoning is not null && !ReasoningSetting.Values.ContainsKey(channel.Reasoning))
        {
            issues.Add(new($"{path}.reasoning", $"unknown value '{channel.Reasoning}'; expected one of {string.Join(", ", ReasoningSetting.Values.Keys)}"));
        }
        else if (channel.Reasoning is not null && ServiceType.IsKnown(channel.ServiceType)
            && !ReasoningSetting.For(channel.ServiceType).Contains(channel.Reasoning, StringComparer.OrdinalIgnoreCase))
        {
            issues.Add(new($"{path}.reasoning", $"'{channel.Reasoning}' is not for {channel.ServiceType} channels; expected one of {string.Join(", ", ReasoningSetting.For(channel.ServiceType))}"));
        }

        if (channel.FoldSystemMessages == true && channel.SystemMessagesInPlace == true)
        {
            issues.Add(new($"{path}.foldSystemMessages", "cannot be true with systemMessagesInPlace: mid-conversation system messages are either kept as system messages or folded into the first"));
        }

        if (channel.LoadBalance is not null && !LoadBalanceStrategy.IsKnown(channel.LoadBalance))
        {
            issues.Add(new($"{path}.loadBalance", $"unknown strategy '{channel.LoadBalance}'; expected one of {string.Join(", ", LoadBalanceStrategy.All)}"));
        }

        if (channel.Models is not null && channel.Models.Any(string.IsNullOrWhiteSpace))
        {
            issues.Add(new($"{path}.models", "a model pattern must not be empty"));
        }

        if (channel.MaxTokens is < 1)
        {
            issues.Add(new($"{path}.maxTokens", "must be 1 or more"));
        }

        if (channel.MaxConcurrency is < 1)
        {
            issues.Add(new($"{path}.maxConcurrency", "must be 1 or more"));
        }

        if (channel.Rpm is < 1)
        {
            issues.Add(new($"{path}.rpm", "must be 1 or more"));
        }

        foreach (var (name, value) in channel.Headers ?? new Dictionary<string, string>())
        {
            if (ChannelHeaderRules.Problem(name, value ?? "") is { } problem)
            {
                issues.Add(new($"{path}.headers", problem));
            }
        }

        if (channel.ModelMapping is not null)
        {
            foreach (var (source, target) in channel.ModelMapping)
            {
                if (string.IsNullOrWhiteSpace(source) || string.IsNullOrWhiteSpace(target))
                {
                    issues.Add(new($"{path}.modelMapping", $"'{source}' → '{target}': neither side may be empty"));
                }
            }
        }
    }

    /// <summary>A channel's URL: required, absolute http(s), and not a metadata service or the like.</summary>
    private static void ValidateBaseUrl(string? url, string path, List<ConfigIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            issues.Add(new(path, "required: the upstream's URL, e.g. https://api.anthropic.com"));
        }
        else if (!IsHttpUrl(url.TrimEnd('#')))
        {
            issues.Add(new(path, $"'{url}' is not an absolute http(s) URL"));
        }
        else if (UnsafeUpstreamAddress.Problem(new Uri(url.TrimEnd('#'))) is { } unsafeAddress)
        {
            issues.Add(new(path, $"refused: {unsafeAddress}"));
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
}
