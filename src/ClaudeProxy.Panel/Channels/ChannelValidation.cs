using System.Globalization;
using ClaudeProxy.Panel.Localization;

namespace ClaudeProxy.Panel.Channels;

/// <summary>
/// The dialog's field checks: each returns the message to show, or null when the value is fine. They
/// mirror the gateway's own checks so most mistakes are caught while typing; the gateway still has the
/// last word and its refusal is shown as it gave it.
/// </summary>
public static class ChannelValidation
{
    public const int MaxName = 100;

    public static string? Name(string? value, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return string.IsNullOrWhiteSpace(value) ? t.FieldRequired : value.Trim().Length > MaxName ? t.FieldTooLong : null;
    }

    public static string? ServiceType(string? value, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return value is not null && ChannelForm.ServiceTypes.Contains(value) ? null : t.FieldRequired;
    }

    public static string? BaseUrl(string? value, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (string.IsNullOrWhiteSpace(value))
        {
            return t.FieldRequired;
        }

        return IsHttpUrl(value) ? null : t.FieldUrl;
    }

    /// <summary>The base URL, which may be left out when <paramref name="moreUrls"/> names other endpoints.</summary>
    public static string? BaseUrl(string? value, string? moreUrls, PanelStrings t) =>
        string.IsNullOrWhiteSpace(value) && ChannelForm.Lines(moreUrls).Count > 0 ? null : BaseUrl(value, t);

    /// <summary>More base URLs, one a line, each checked as the base URL is; the first bad one is named.</summary>
    public static string? BaseUrls(string? value, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var bad = ChannelForm.Lines(value).FirstOrDefault(url => !IsHttpUrl(url));
        return bad is null ? null : string.Format(CultureInfo.InvariantCulture, t.FieldUrlLine, bad);
    }

    /// <summary>The client doors: at least one.</summary>
    public static string? Doors(IReadOnlyCollection<string> checkedDoors, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(checkedDoors);
        ArgumentNullException.ThrowIfNull(t);
        return checkedDoors.Count == 0 ? t.FieldDoorsNone : null;
    }

    /// <summary>The most output tokens: empty for no limit, or a whole number of one or more.</summary>
    public static string? MaxTokens(string? value, PanelStrings t) => OneOrMore(value, t);

    /// <summary>Folding mid-conversation system messages and keeping them in place exclude each other, as the gateway has it.</summary>
    public static string? FoldSystemMessages(ChannelMoreOptions options, string serviceType, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(t);
        return options.FoldSystemMessages && options.SystemMessagesInPlace && ChannelOptions.KeepsSystemMessagesInPlace(serviceType)
            ? t.FieldFoldInPlace
            : null;
    }

    /// <summary>The "more options" section's problems, so the dialog can open it to show them.</summary>
    public static IEnumerable<string?> MoreOptions(ChannelForm form, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(form);
        yield return BaseUrls(form.More.BaseUrls, t);
        yield return Doors(form.More.Doors, t);
        yield return ChannelOptions.Translates(form.ServiceType) ? MaxTokens(form.More.MaxTokens, t) : null;
        yield return FoldSystemMessages(form.More, form.ServiceType, t);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value.Trim().TrimEnd('#'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;

    /// <summary>Keys, one a line: none is fine (keys can be added later), but no spaces inside one and no key twice.</summary>
    public static string? Keys(string? value, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var keys = ChannelForm.Lines(value);
        if (keys.Any(k => k.Any(char.IsWhiteSpace)))
        {
            return t.FieldNoSpaces;
        }

        return keys.Distinct(StringComparer.Ordinal).Count() != keys.Count ? t.FieldDuplicateKey : null;
    }

    public static string? Priority(string? value, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return string.IsNullOrWhiteSpace(value) || Number(value) is not null ? null : t.FieldWholeNumber;
    }

    public static string? Weight(string? value, PanelStrings t) => OneOrMore(value, t);

    /// <summary>A per-key cap (max concurrency, requests per minute): empty for none, or a whole number of one or more.</summary>
    public static string? Cap(string? value, PanelStrings t) => OneOrMore(value, t);

    /// <summary>
    /// Headers, one <c>Name: value</c> a line, as the gateway takes them. Once the field differs from
    /// <paramref name="original"/>, a value still masked as the gateway showed it is refused: it would be saved as the mask.
    /// </summary>
    public static string? Headers(string? value, string? original, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var lines = ChannelHeaders.Parse(value);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            if (line is not { } header || header.Name.Length == 0)
            {
                return t.FieldHeaderLine;
            }

            var problem = !ChannelHeaders.IsName(header.Name) ? t.FieldHeaderName
                : ChannelHeaders.IsRefused(header.Name) ? t.FieldHeaderRefused
                : !seen.Add(header.Name) ? t.FieldHeaderTwice
                : null;
            if (problem is not null)
            {
                return string.Format(CultureInfo.InvariantCulture, problem, header.Name);
            }
        }

        if (!ChannelHeaders.Changed(value, original))
        {
            return null;
        }

        // The gateway keeps the stored value of a secret header sent back masked under its own name; a mask
        // moved to another name would be stored as it is.
        var masked = ChannelHeaders.Parse(original).OfType<HeaderLine>().Where(h => ChannelHeaders.LooksMasked(h.Value)).ToList();
        var stillMasked = lines.OfType<HeaderLine>()
            .Where(h => masked.Any(m => m.Value == h.Value) && !masked.Any(m => m.Value == h.Value && string.Equals(m.Name, h.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(h => h.Name).FirstOrDefault();
        return stillMasked is null ? null : string.Format(CultureInfo.InvariantCulture, t.FieldHeaderMasked, stillMasked);
    }

    private static string? OneOrMore(string? value, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Number(value) switch
        {
            null => t.FieldWholeNumber,
            < 1 => t.FieldOneOrMore,
            _ => null,
        };
    }

    /// <summary>A mapping's requested model: required when the row has a target, and not mapped twice.</summary>
    public static string? MappingSource(MappingRow row, IEnumerable<MappingRow> all, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(t);
        if (string.IsNullOrWhiteSpace(row.Source))
        {
            return string.IsNullOrWhiteSpace(row.Target) ? null : t.FieldRequired;
        }

        return all.Count(r => string.Equals(r.Source.Trim(), row.Source.Trim(), StringComparison.Ordinal)) > 1 ? t.FieldDuplicateMapping : null;
    }

    public static string? MappingTarget(MappingRow row, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(t);
        return string.IsNullOrWhiteSpace(row.Target) && !string.IsNullOrWhiteSpace(row.Source) ? t.FieldRequired : null;
    }

    /// <summary>Model patterns, one a line: no spaces inside one.</summary>
    public static string? Models(string? value, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return ChannelForm.Patterns(value).Any(p => p.Any(char.IsWhiteSpace)) ? t.FieldNoSpaces : null;
    }

    /// <summary>Every field of <paramref name="form"/> at once: true when none has a problem.</summary>
    public static bool IsValid(ChannelForm form, bool withKeys, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(form);
        string?[] problems =
        [
            Name(form.Name, t), ServiceType(form.ServiceType, t), BaseUrl(form.BaseUrl, form.More.BaseUrls, t), withKeys ? Keys(form.Keys, t) : null,
            Priority(form.Priority, t), Weight(form.Weight, t), Models(form.Models, t),
            Cap(form.MaxConcurrency, t), Cap(form.Rpm, t), Headers(form.Headers, form.OriginalHeaders, t),
            .. form.Mapping.SelectMany(row => new[] { MappingSource(row, form.Mapping, t), MappingTarget(row, t) }),
            .. MoreOptions(form, t),
        ];
        return problems.All(p => p is null);
    }

    internal static int? Number(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
}
