using System.Globalization;
using System.Text.Json.Nodes;
using ClaudeProxy.Panel.Services;

namespace ClaudeProxy.Panel.Channels;

/// <summary>
/// The dialog's "more options" as the user sets them (numbers and lists as text, defaults filled in), and the
/// channel fields they stand for. Only the options that mean something for the channel's service type count.
/// </summary>
public sealed class ChannelMoreOptions
{
    /// <summary>More endpoints of the same upstream, one a line.</summary>
    public string BaseUrls { get; set; } = "";

    /// <summary>The checked client doors; the channel's default set stands for no <c>doors</c> field.</summary>
    public HashSet<string> Doors { get; } = new(ChannelOptions.Doors, StringComparer.Ordinal);

    /// <summary>The doors the channel serves without a <c>doors</c> field; every door for a new channel.</summary>
    public IReadOnlyCollection<string> DefaultDoors { get; private init; } = ChannelOptions.Doors;

    public string AuthStyle { get; set; } = ChannelOptions.AuthStyles[0];

    /// <summary>The channel's own key strategy; empty: the global one.</summary>
    public string LoadBalance { get; set; } = "";

    public bool InsecureSkipVerify { get; set; }

    /// <summary>The most output tokens the upstream allows; empty: no limit.</summary>
    public string MaxTokens { get; set; } = "";

    public string Reasoning { get; set; } = "none";

    public bool SystemMessagesInPlace { get; set; }

    public bool FoldSystemMessages { get; set; }

    public bool ForwardUserId { get; set; } = true;

    public bool InjectDummyThoughtSignature { get; set; }

    public bool StripThoughtSignature { get; set; }

    public static ChannelMoreOptions From(ChannelView channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var options = new ChannelMoreOptions
        {
            BaseUrls = string.Join('\n', channel.BaseUrls ?? []),
            AuthStyle = channel.AuthStyle?.ToLowerInvariant() ?? ChannelOptions.AuthStyles[0],
            LoadBalance = channel.LoadBalance?.ToLowerInvariant() ?? "",
            InsecureSkipVerify = channel.InsecureSkipVerify ?? false,
            MaxTokens = channel.MaxTokens?.ToString(CultureInfo.InvariantCulture) ?? "",
            Reasoning = channel.Reasoning?.ToLowerInvariant() ?? "none",
            SystemMessagesInPlace = channel.SystemMessagesInPlace ?? false,
            FoldSystemMessages = channel.FoldSystemMessages ?? false,
            ForwardUserId = channel.ForwardUserId ?? true,
            InjectDummyThoughtSignature = channel.InjectDummyThoughtSignature ?? false,
            StripThoughtSignature = channel.StripThoughtSignature ?? false,
            DefaultDoors = channel.DefaultDoors is { Count: > 0 } defaults ? defaults : ChannelOptions.Doors,
        };
        options.Doors.IntersectWith(channel.Doors is { Count: > 0 } doors ? doors : options.DefaultDoors);

        return options;
    }

    public void SetDoor(string door, bool served)
    {
        if (served)
        {
            Doors.Add(door);
        }
        else
        {
            Doors.Remove(door);
        }
    }

    /// <summary>
    /// Every option as the channel field it becomes for a channel of <paramref name="serviceType"/>: null for a default,
    /// and for an option the type does not use, so switching the type removes what only the old type understood.
    /// </summary>
    public JsonObject Fields(string serviceType)
    {
        var urls = ChannelForm.Lines(BaseUrls);
        var translated = ChannelOptions.Translates(serviceType);
        return new JsonObject
        {
            ["baseUrls"] = urls.Count == 0 ? null : new JsonArray([.. urls.Select(u => (JsonNode)u)]),
            ["doors"] = Doors.SetEquals(DefaultDoors) ? null : new JsonArray([.. ChannelOptions.Doors.Where(Doors.Contains).Select(d => (JsonNode)d)]),
            ["authStyle"] = ChannelOptions.HasAuthStyle(serviceType) ? Unless(AuthStyle, ChannelOptions.AuthStyles[0]) : null,
            ["loadBalance"] = Unless(LoadBalance, ""),
            ["insecureSkipVerify"] = Flag(InsecureSkipVerify, fallback: false, applies: true),
            ["maxTokens"] = translated && ChannelValidation.Number(MaxTokens) is { } max ? max : null,
            ["reasoning"] = ChannelOptions.Reasoning(serviceType).Contains(Reasoning) ? Unless(Reasoning, "none") : null,
            ["systemMessagesInPlace"] = Flag(SystemMessagesInPlace, fallback: false, ChannelOptions.KeepsSystemMessagesInPlace(serviceType)),
            ["foldSystemMessages"] = Flag(FoldSystemMessages, fallback: false, translated),
            ["forwardUserId"] = Flag(ForwardUserId, fallback: true, ChannelOptions.ForwardsUserId(serviceType)),
            ["injectDummyThoughtSignature"] = Flag(InjectDummyThoughtSignature, fallback: false, ChannelOptions.HasThoughtSignatures(serviceType)),
            ["stripThoughtSignature"] = Flag(StripThoughtSignature, fallback: false, ChannelOptions.HasThoughtSignatures(serviceType)),
        };
    }

    private static JsonNode? Unless(string value, string fallback) => value == fallback ? null : value;

    private static JsonNode? Flag(bool value, bool fallback, bool applies) => applies && value != fallback ? value : null;
}
