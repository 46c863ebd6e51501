using System.Globalization;
using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Security;

namespace ClaudeProxy.Cli;

/// <summary>How the CLI shows a channel, as text or JSON. Keys are always masked; unknown fields are named, never printed.</summary>
internal static class ChannelView
{
    /// <summary>The channel's fields in the file's names, as stored (absent fields left out), plus its position and key count.</summary>
    public static void WriteJson(Utf8JsonWriter w, ProxyConfig config, int index)
    {
        var c = config.Upstream[index];
        w.WriteStartObject();
        w.WriteNumber("index", index);
        WriteIfSet(w, "id", c.Id);
        w.WriteBoolean("current", index == ChannelOrder.FirstIndex(config));
        WriteIfSet(w, "name", c.Name);
        WriteIfSet(w, "serviceType", c.ServiceType);
        WriteIfSet(w, "baseUrl", c.BaseUrl);
        w.WriteStartArray("apiKeys");
        foreach (var key in c.ApiKeys)
        {
            w.WriteStringValue(SecretMask.Mask(key));
        }

        w.WriteEndArray();
        w.WriteNumber("keyCount", c.ApiKeys.Count);
        w.WriteString("status", c.IsActive ? ChannelStatus.Active : ChannelStatus.Disabled);
        WriteIfSet(w, "description", c.Description);
        WriteIfSet(w, "website", c.Website);
        w.WriteBoolean("insecureSkipVerify", c.InsecureSkipVerify);
        WriteIfSet(w, "priority", c.Priority);
        WriteIfSet(w, "weight", c.Weight);
        WriteIfSet(w, "authStyle", c.AuthStyle);
        if (c.Models is not null)
        {
            w.WriteStartArray("models");
            foreach (var model in c.Models)
            {
                w.WriteStringValue(model);
            }

            w.WriteEndArray();
        }

        if (c.ModelMapping is not null)
        {
            w.WriteStartObject("modelMapping");
            foreach (var (source, target) in c.ModelMapping)
            {
                w.WriteString(source, target);
            }

            w.WriteEndObject();
        }

        WriteIfSet(w, "loadBalance", c.LoadBalance);
        WriteIfSet(w, "maxTokens", c.MaxTokens);
        WriteIfSet(w, "reasoning", c.Reasoning);
        if (c.SystemMessagesInPlace is { } inPlace)
        {
            w.WriteBoolean("systemMessagesInPlace", inPlace);
        }

        if (c.ForwardUserId is { } forward)
        {
            w.WriteBoolean("forwardUserId", forward);
        }

        w.WriteEndObject();
    }

    /// <summary>One line of headline and the fields that are set: what <c>channels list</c> prints per channel.</summary>
    public static IEnumerable<string> Summary(ProxyConfig config, int index)
    {
        var c = config.Upstream[index];
        var flags = new List<string> { c.IsActive ? ChannelStatus.Active : ChannelStatus.Disabled };
        if (index == ChannelOrder.FirstIndex(config))
        {
            flags.Add("current");
        }

        yield return $"[{index}] {c.DisplayName}  ({c.Id ?? "no id yet"})  {c.ServiceType}  {string.Join(", ", flags)}";
        yield return $"    baseUrl      {c.BaseUrl}";
        yield return $"    keys         {MaskedKeys(c)}";
        if (c.Priority is not null || c.Weight is not null)
        {
            yield return $"    priority     {c.Priority?.ToString(CultureInfo.InvariantCulture) ?? "-"}  weight {c.Weight ?? 1}";
        }

        if (c.Models is { Count: > 0 })
        {
            yield return $"    models       {string.Join(", ", c.Models)}";
        }

        if (c.ModelMapping is { Count: > 0 })
        {
            yield return $"    modelMapping {Mapping(c)}";
        }

        if (!string.IsNullOrEmpty(c.Description))
        {
            yield return $"    description  {c.Description}";
        }

        if (!string.IsNullOrEmpty(c.Website))
        {
            yield return $"    website      {c.Website}";
        }

        if (c.InsecureSkipVerify)
        {
            yield return "    TLS          not verified (insecureSkipVerify)";
        }
    }

    /// <summary>Every field, defaults spelled out: what <c>channels show</c> prints.</summary>
    public static IEnumerable<string> Details(ProxyConfig config, int index)
    {
        var c = config.Upstream[index];
        string Line(string field, string value) => $"{field,-22} {value}";

        yield return Line("id", c.Id ?? "(none yet: added on the first edit or server start)");
        yield return Line("index", index == ChannelOrder.FirstIndex(config) ? $"{index} (current)" : index.ToString(CultureInfo.InvariantCulture));
        yield return Line("name", c.Name ?? "(none)");
        yield return Line("serviceType", c.ServiceType ?? "");
        yield return Line("baseUrl", c.BaseUrl ?? "");
        yield return Line("apiKeys", c.ApiKeys.Count == 0 ? "(none)" : $"{c.ApiKeys.Count}");
        for (var k = 0; k < c.ApiKeys.Count; k++)
        {
            yield return Line("", $"[{k}] {SecretMask.Mask(c.ApiKeys[k])}");
        }

        yield return Line("status", c.IsActive ? ChannelStatus.Active : ChannelStatus.Disabled);
        yield return Line("priority", c.Priority?.ToString(CultureInfo.InvariantCulture) ?? $"(its position, {index})");
        yield return Line("weight", c.Weight?.ToString(CultureInfo.InvariantCulture) ?? "1 (default)");
        yield return Line("authStyle", c.AuthStyle ?? $"{AuthStyle.Auto} (default)");
        yield return Line("models", c.Models is { Count: > 0 } ? string.Join(", ", c.Models) : "(every model)");
        yield return Line("modelMapping", c.ModelMapping is { Count: > 0 } ? Mapping(c) : "(none)");
        yield return Line("loadBalance", c.LoadBalance ?? $"{config.LoadBalance} (global)");
        yield return Line("maxTokens", c.MaxTokens?.ToString(CultureInfo.InvariantCulture) ?? "(no limit)");
        yield return Line("reasoning", c.Reasoning ?? "none (default)");
        yield return Line("systemMessagesInPlace", c.SystemMessagesInPlace is { } inPlace ? Bool(inPlace) : "false (default)");
        yield return Line("forwardUserId", c.ForwardUserId is { } forward ? Bool(forward) : "true (default)");
        yield return Line("insecureSkipVerify", Bool(c.InsecureSkipVerify));
        yield return Line("description", c.Description ?? "(none)");
        yield return Line("website", c.Website ?? "(none)");
        if (c.Extra is { Count: > 0 } extra)
        {
            yield return Line("other fields (kept)", string.Join(", ", extra.Keys));
        }
    }

    public static string MaskedKeys(ChannelConfig channel) =>
        channel.ApiKeys.Count == 0 ? "(none)" : string.Join("  ", channel.ApiKeys.Select((k, i) => $"[{i}] {SecretMask.Mask(k)}"));

    private static string Mapping(ChannelConfig channel) =>
        string.Join(", ", channel.ModelMapping!.Select(p => $"{p.Key} → {p.Value}"));

    private static string Bool(bool value) => value ? "true" : "false";

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }
}
