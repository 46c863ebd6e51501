using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Security;

namespace ClaudeProxy.Admin;

/// <summary>
/// One channel as people see it: the fields its file holds, every key masked, and what they imply —
/// position, key count, status, priority and weight with their defaults, and whether routing tries it
/// first. Built by <see cref="ChannelPresenter"/>; a raw key cannot be reached through this type.
/// </summary>
public sealed class PresentedChannel
{
    /// <summary>The fields the gateway carries without knowing them, masked like an export; empty when there are none.</summary>
    private readonly JsonObject _unknownFields;

    internal PresentedChannel(ChannelConfig channel, int index, bool isCurrent, IReadOnlyList<string> defaultDoors)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Index = index;
        IsCurrent = isCurrent;
        DefaultDoors = defaultDoors;
        Fields = channel with
        {
            ApiKeys = [.. channel.ApiKeys.Select(SecretMask.Mask)],
            Headers = channel.Headers?.ToDictionary(h => h.Key, h => ConfigMasking.IsSecretHeader(h.Key) ? SecretMask.Mask(h.Value) : h.Value, StringComparer.Ordinal),
            Extra = null,
        };
        _unknownFields = [];
        foreach (var (name, value) in channel.Extra ?? new Dictionary<string, JsonElement>())
        {
            _unknownFields[name] = JsonNode.Parse(value.GetRawText());
        }

        // Masked by name (historicalApiKeys, sessionToken, …), as the admin export masks them.
        ConfigMasking.Mask(_unknownFields);
    }

    /// <summary>The fields the gateway knows, as the file holds them (unset ones null), keys masked.</summary>
    public ChannelConfig Fields { get; }

    /// <summary>Position in the file's list.</summary>
    public int Index { get; }

    /// <summary>True for the channel a request goes to first, the one every view marks as current.</summary>
    public bool IsCurrent { get; }

    public int KeyCount => Fields.ApiKeys.Count;

    /// <summary>The client doors the channel serves when it names none in <c>doors</c> (every door, or its file list's one).</summary>
    public IReadOnlyList<string> DefaultDoors { get; }

    /// <summary><c>active</c>, <c>suspended</c> or <c>disabled</c>, whatever the file's spelling; an active channel without keys is suspended.</summary>
    public string Status => Fields.EffectiveStatus;

    /// <summary>The priority routing uses: the one set, or else the channel's position.</summary>
    public int Priority => Fields.Priority ?? Index;

    /// <summary>The weight routing uses: the one set, or else 1.</summary>
    public int Weight => Fields.Weight ?? ChannelConfig.DefaultWeight;

    /// <summary>The names of the fields the file holds that the gateway only carries along.</summary>
    public IEnumerable<string> UnknownFieldNames => _unknownFields.Select(unknown => unknown.Key);

    /// <summary>
    /// The channel as JSON: <c>index</c>, the file's fields in its names (unset ones left out), keys masked,
    /// <c>status</c>, <c>priority</c> and <c>weight</c> always given (defaults filled in), then
    /// <c>list</c>, <c>defaultDoors</c>, <c>keyCount</c> and <c>current</c>. Unknown fields follow, masked, when <paramref name="unknownFields"/> asks.
    /// </summary>
    public JsonObject ToJson(UnknownFields unknownFields)
    {
        // The field list is ChannelConfig's own, through the source-generated serializer: a field added there shows here.
        var shown = Fields with { Status = Status, Priority = Priority, Weight = Weight };
        var node = JsonSerializer.SerializeToNode(shown, ConfigJsonContext.Default.ChannelConfig)!.AsObject();
        node.Insert(0, "index", Index);
        node["list"] = Fields.List.FileName();
        node["defaultDoors"] = new JsonArray([.. DefaultDoors.Select(door => (JsonNode)door)]);
        node["keyCount"] = KeyCount;
        node["current"] = IsCurrent;
        if (unknownFields == UnknownFields.Masked)
        {
            foreach (var (name, value) in _unknownFields)
            {
                // A carried field never overwrites what the gateway derives (an old file's "index", say).
                node.TryAdd(name, value?.DeepClone());
            }
        }

        return node;
    }
}

/// <summary>What a channel's JSON does with the fields the gateway carries without knowing them.</summary>
public enum UnknownFields
{
    /// <summary>Left out (the CLI names them in its text view instead).</summary>
    Omitted,

    /// <summary>Included, with secret-looking ones masked (the admin API, so the panel sees the whole channel).</summary>
    Masked,
}
