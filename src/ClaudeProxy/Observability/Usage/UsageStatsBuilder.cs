using System.Text;

namespace ClaudeProxy.Observability.Usage;

/// <summary>Folds the records of a stats window into totals, groups and the series, one record at a time.</summary>
internal sealed class UsageStatsBuilder
{
    private const int MaxStackName = 256;
    private readonly StatsWindow _window;
    private readonly StatsGrouping _grouping;
    private readonly DateTimeOffset _start;
    private readonly UsageAccumulator _totals = new();
    private readonly Dictionary<string, UsageAccumulator> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsageAccumulator>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private readonly UsageSeriesAccumulator _series;

    public UsageStatsBuilder(StatsWindow window, StatsGrouping grouping, DateTimeOffset start)
    {
        _window = window;
        _grouping = grouping;
        _start = start;
        _series = new UsageSeriesAccumulator(start, window);
        _byChars = _groups.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The group name of requests that have none (no channel was tried, no key, no model).</summary>
    public const string UnknownGroup = "(none)";

    /// <param name="record">The request's figures.</param>
    /// <param name="groupUtf8">The group's name in UTF-8, read without allocating.</param>
    /// <param name="groupIsNull">Whether the request has no group name (then counted under <see cref="UnknownGroup"/>).</param>
    public void Add(in StatsRecord record, ReadOnlySpan<byte> groupUtf8, bool groupIsNull) =>
        Add(record, groupIsNull ? Group(UnknownGroup) : Group(groupUtf8));

    /// <param name="record">The request's figures.</param>
    /// <param name="group">The request's group name; null counts under <see cref="UnknownGroup"/>.</param>
    public void Add(in StatsRecord record, string? group) => Add(record, Group(group ?? UnknownGroup));

    private void Add(in StatsRecord record, UsageAccumulator group)
    {
        _totals.Add(record.Status, record.LatencyMs, record.TtfbMs, record.Input, record.Output, record.CacheRead, record.CacheCreation, record.CostUsd);
        group.Add(record.Status, record.LatencyMs, record.TtfbMs, record.Input, record.Output, record.CacheRead, record.CacheCreation, record.CostUsd);
        _series.Add(record.TimeMs, record.Status, record.Input, record.Output, record.CostUsd);
    }

    public UsageStats Build() => new()
    {
        Window = _window.Name,
        By = _grouping.ToString().ToLowerInvariant(),
        Since = _start,
        Until = _start + _window.Length,
        Totals = _totals.ToFigures(null),
        Groups = [.. _groups.OrderByDescending(g => g.Value.Requests).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value.ToFigures(g.Key))],
        Series = _series.ToSeries(),
    };

    private UsageAccumulator Group(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxStackName)
        {
            return Group(Encoding.UTF8.GetString(utf8));
        }

        Span<char> chars = stackalloc char[MaxStackName];
        var name = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (_byChars.TryGetValue(name, out var group))
        {
            return group;
        }

        return Group(name.ToString());
    }

    private UsageAccumulator Group(string name)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            _groups[name] = group = new UsageAccumulator();
        }

        return group;
    }
}
