using System.Globalization;
using System.Text.Json;
using ClaudeProxy.Admin;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Cli;

/// <summary>
/// How the CLI shows a <see cref="PresentedChannel"/>, as text or JSON. Keys are always masked; unknown
/// fields are named, never printed.
/// </summary>
internal static class ChannelView
{
    /// <summary>The presenter's JSON, as the admin API gives it but without unknown fields or health.</summary>
    public static void WriteJson(Utf8JsonWriter w, PresentedChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        channel.ToJson(UnknownFields.Omitted).WriteTo(w);
    }

    /// <summary>One line of headline and the fields that are set: what <c>channels list</c> prints per channel.</summary>
    public static IEnumerable<string> Summary(PresentedChannel channel)
    {
        var c = channel.Fields;
        var flags = channel.IsCurrent ? $"{channel.Status}, current" : channel.Status;
        yield return $"[{channel.Index}] {c.DisplayName}  ({c.Id ?? "no id yet"})  {c.ServiceType}  {flags}";
        yield return $"    baseUrl      {c.BaseUrl}";
        if (c.BaseUrls is { Count: > 0 } more)
        {
            yield return $"    baseUrls     {string.Join(", ", more)}";
        }

        if (c.List != ChannelList.Messages || c.Doors is { Count: > 0 })
        {
            var doors = c.Doors is { Count: > 0 } named ? string.Join(", ", named) : ClientDoor.OwnedBy(c.List);
            yield return $"    doors        {doors}{(c.List == ChannelList.Messages ? "" : $" (from {c.List.FileName()})")}";
        }
        yield return $"    keys         {Keys(channel)}";
        if (c.Priority is not null || c.Weight is not null)
        {
            yield return $"    priority     {c.Priority?.ToString(CultureInfo.InvariantCulture) ?? "-"}  weight {channel.Weight}";
        }

        if (c.PromotionUntil is { } until)
        {
            yield return $"    promoted     until {Time(until)}";
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
    public static IEnumerable<string> Details(PresentedChannel channel, ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = channel.Fields;
        string Line(string field, string value) => $"{field,-22} {value}";

        yield return Line("id", c.Id ?? "(none yet: added on the first edit or server start)");
        yield return Line("index", channel.IsCurrent ? $"{channel.Index} (current)" : Number(channel.Index));
        yield return Line("name", c.Name ?? "(none)");
        yield return Line("serviceType", c.ServiceType ?? "");
        yield return Line("baseUrl", c.BaseUrl ?? "");
        yield return Line("baseUrls", c.BaseUrls is { Count: > 0 } more ? string.Join(", ", more) : "(none)");
        yield return Line("list", c.List.FileName());
        yield return Line("doors", c.Doors is { Count: > 0 } doors ? string.Join(", ", doors) : string.Join(", ", ChannelDoors.Of(config, c).Order(StringComparer.Ordinal)) + " (default)");
        yield return Line("apiKeys", channel.KeyCount == 0 ? "(none)" : Number(channel.KeyCount));
        for (var k = 0; k < c.ApiKeys.Count; k++)
        {
            yield return Line("", $"[{k}] {c.ApiKeys[k]}");
        }

        yield return Line("status", channel.Status);
        yield return Line("promotionUntil", c.PromotionUntil is { } promotedUntil ? Time(promotedUntil) : "(not promoted)");
        yield return Line("priority", c.Priority is null ? $"(its position, {channel.Priority})" : Number(channel.Priority));
        yield return Line("weight", c.Weight is null ? $"{channel.Weight} (default)" : Number(channel.Weight));
        yield return Line("authStyle", c.AuthStyle ?? $"{AuthStyle.Auto} (default)");
        yield return Line("models", c.Models is { Count: > 0 } ? string.Join(", ", c.Models) : "(every model)");
        yield return Line("modelMapping", c.ModelMapping is { Count: > 0 } ? Mapping(c) : "(none)");
        yield return Line("headers", c.Headers is { Count: > 0 } ? string.Join(", ", c.Headers.Select(h => $"{h.Key}: {h.Value}")) : "(none)");
        yield return Line("loadBalance", c.LoadBalance ?? $"{config.LoadBalance} (global)");
        yield return Line("maxTokens", c.MaxTokens?.ToString(CultureInfo.InvariantCulture) ?? "(no limit)");
        yield return Line("maxConcurrency", c.MaxConcurrency is { } concurrency ? $"{Number(concurrency)} per key" : "(no limit)");
        yield return Line("rpm", c.Rpm is { } rpm ? $"{Number(rpm)} per key" : "(no limit)");
        yield return Line("reasoning", c.Reasoning ?? "none (default)");
        yield return Line("systemMessagesInPlace", c.SystemMessagesInPlace is { } inPlace ? Bool(inPlace) : "false (default)");
        yield return Line("foldSystemMessages", c.FoldSystemMessages is { } fold ? Bool(fold) : "false (default)");
        yield return Line("forwardUserId", c.ForwardUserId is { } forward ? Bool(forward) : "true (default)");
        if (c.ServiceType == "gemini" || c.InjectDummyThoughtSignature is not null || c.StripThoughtSignature is not null)
        {
            // What happens to Gemini's thoughtSignature on requests translated for the channel (strip wins).
            yield return Line("injectDummyThoughtSignature", c.InjectDummyThoughtSignature is { } inject ? Bool(inject) : "false (default)");
            yield return Line("stripThoughtSignature", c.StripThoughtSignature is { } strip ? Bool(strip) : "false (default)");
        }

        yield return Line("insecureSkipVerify", Bool(c.InsecureSkipVerify));
        yield return Line("description", c.Description ?? "(none)");
        yield return Line("website", c.Website ?? "(none)");
        if (channel.UnknownFieldNames.Any())
        {
            yield return Line("other fields (kept)", string.Join(", ", channel.UnknownFieldNames));
        }
    }

    /// <summary>The keys, already masked by the presenter, with their positions.</summary>
    private static string Keys(PresentedChannel channel) =>
        channel.KeyCount == 0 ? "(none)" : string.Join("  ", channel.Fields.ApiKeys.Select((key, i) => $"[{i}] {key}"));

    private static string Mapping(ChannelConfig channel) =>
        string.Join(", ", channel.ModelMapping!.Select(p => $"{p.Key} → {p.Value}"));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
