using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Panel.Services;

namespace ClaudeProxy.Panel.Channels;

/// <summary>One row of the model-mapping editor: a requested model and the upstream model it becomes.</summary>
public sealed class MappingRow
{
    public string Source { get; set; } = "";

    public string Target { get; set; } = "";
}

/// <summary>
/// The add / edit dialog's fields as the user types them (numbers and lists as text), and the request
/// they become. Keys are only part of an addition: an edit never sees or sends a key.
/// </summary>
public sealed class ChannelForm
{
    public static readonly IReadOnlyList<string> ServiceTypes = ["claude", "openai", "openaiold", "gemini", "responses"];

    /// <summary>The requested models offered in the mapping editor: Claude Code's three families.</summary>
    public static readonly IReadOnlyList<string> CommonSources = ["opus", "sonnet", "haiku"];

    public string Name { get; set; } = "";

    public string ServiceType { get; set; } = "claude";

    public string BaseUrl { get; set; } = "";

    public string Keys { get; set; } = "";

    public string Description { get; set; } = "";

    public string Priority { get; set; } = "";

    /// <summary>The priority the dialog opened with: an unchanged one is not sent, so a position-based priority stays position-based.</summary>
    public string OriginalPriority { get; private init; } = "";

    public string Weight { get; set; } = "";

    /// <summary>Per key: at most this many requests in flight (empty: no cap).</summary>
    public string MaxConcurrency { get; set; } = "";

    /// <summary>Per key: at most this many requests started a minute (empty: no cap).</summary>
    public string Rpm { get; set; } = "";

    /// <summary>The channel's own headers, one <c>Name: value</c> a line; secret values as the gateway masked them.</summary>
    public string Headers { get; set; } = "";

    /// <summary>The headers the dialog opened with: unchanged ones are not sent, so a masked value never overwrites the real one.</summary>
    public string OriginalHeaders { get; private init; } = "";

    public List<MappingRow> Mapping { get; } = [];

    public string Models { get; set; } = "";

    public ChannelMoreOptions More { get; private init; } = new();

    /// <summary>The options' fields as the dialog opened them (all defaults when adding): only those that differ are sent.</summary>
    private JsonObject OpenedOptions { get; init; } = new ChannelMoreOptions().Fields("claude");

    public static ChannelForm From(ChannelView channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var serviceType = channel.ServiceType ?? "claude";
        var more = ChannelMoreOptions.From(channel);
        var form = new ChannelForm
        {
            Name = channel.Name ?? "",
            ServiceType = serviceType,
            BaseUrl = channel.BaseUrl ?? "",
            Description = channel.Description ?? "",
            Priority = channel.Priority.ToString(CultureInfo.InvariantCulture),
            OriginalPriority = channel.Priority.ToString(CultureInfo.InvariantCulture),
            Weight = channel.Weight.ToString(CultureInfo.InvariantCulture),
            Models = string.Join('\n', channel.Models ?? []),
            MaxConcurrency = channel.MaxConcurrency?.ToString(CultureInfo.InvariantCulture) ?? "",
            Rpm = channel.Rpm?.ToString(CultureInfo.InvariantCulture) ?? "",
            Headers = ChannelHeaders.Text(channel.Headers),
            OriginalHeaders = ChannelHeaders.Text(channel.Headers),
            More = more,
            OpenedOptions = more.Fields(serviceType),
        };
        form.Mapping.AddRange((channel.ModelMapping ?? new Dictionary<string, string>()).Select(m => new MappingRow { Source = m.Key, Target = m.Value }));
        return form;
    }

    /// <summary>Fills the fields quick-add recognised; what it did not find stays as typed.</summary>
    public void Apply(QuickAddResult found)
    {
        ArgumentNullException.ThrowIfNull(found);
        if (found.BaseUrl is not null)
        {
            BaseUrl = found.BaseUrl;
            if (string.IsNullOrWhiteSpace(Name) && found.Name is not null)
            {
                Name = found.Name;
            }
        }

        ServiceType = found.ServiceType;
        if (found.Keys.Count > 0)
        {
            Keys = string.Join('\n', Lines(Keys).Concat(found.Keys).Distinct(StringComparer.Ordinal));
        }
    }

    public ChannelEditRequest ToRequest(bool withKeys)
    {
        var mapping = Mapping.Where(m => !string.IsNullOrWhiteSpace(m.Source) || !string.IsNullOrWhiteSpace(m.Target))
            .ToDictionary(m => m.Source.Trim(), m => m.Target.Trim(), StringComparer.Ordinal);
        var models = Patterns(Models);
        return new ChannelEditRequest(
            Name.Trim(),
            ServiceType,
            // Left out when more base URLs take its place.
            string.IsNullOrWhiteSpace(BaseUrl) ? null : BaseUrl.Trim(),
            string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            Priority.Trim() == OriginalPriority ? null : ChannelValidation.Number(Priority),
            ChannelValidation.Number(Weight),
            mapping.Count == 0 ? null : mapping,
            models.Count == 0 ? null : models,
            withKeys ? Lines(Keys) : null)
        {
            MaxConcurrency = ChannelValidation.Number(MaxConcurrency),
            Rpm = ChannelValidation.Number(Rpm),
            Headers = ChannelHeaders.Changed(Headers, OriginalHeaders) ? new HeadersChange(ChannelHeaders.Dictionary(Headers)) : null,
            Options = ChangedOptions(),
        };
    }

    /// <summary>True when any option differs from its default, so the dialog opens with them shown.</summary>
    public bool HasMoreOptions => More.Fields(ServiceType).Any(option => option.Value is not null);

    private Dictionary<string, JsonElement>? ChangedOptions()
    {
        var changed = new JsonObject();
        foreach (var (name, value) in More.Fields(ServiceType))
        {
            if (!JsonNode.DeepEquals(value, OpenedOptions[name]))
            {
                changed[name] = value?.DeepClone();
            }
        }

        if (changed.Count == 0)
        {
            return null;
        }

        // As elements: the source-generated writer spreads a dictionary of elements over the body, not a JsonObject.
        using var document = JsonDocument.Parse(changed.ToJsonString());
        return document.RootElement.EnumerateObject().ToDictionary(field => field.Name, field => field.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>The non-empty lines of a multi-line field, trimmed.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (text ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Model patterns: one a line, or separated by commas as a pasted list often is.</summary>
    public static IReadOnlyList<string> Patterns(string? text) =>
        [.. (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
