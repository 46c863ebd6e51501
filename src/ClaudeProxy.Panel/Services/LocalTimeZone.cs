using System.Globalization;
using Microsoft.JSInterop;

namespace ClaudeProxy.Panel.Services;

/// <summary>
/// The browser's time zone, read once through wwwroot/js/panel.js: the app carries no time zone database, so the
/// browser reports its UTC offsets over a span of time (with their daylight-saving changes) and the panel converts in C#.
/// Until it is loaded, or where the browser tells nothing, times stay in UTC.
/// </summary>
public sealed class LocalTimeZone(IJSRuntime js)
{
    // The span whose offset changes are asked for: old enough for the log, ahead enough for a long visit.
    private static readonly TimeSpan Back = TimeSpan.FromDays(2 * 366);
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(60);

    // From each start on (UTC) its offset holds, sorted; before the first start the first offset holds.
    private (DateTimeOffset From, TimeSpan Offset)[] _spans = [(DateTimeOffset.MinValue, TimeSpan.Zero)];

    /// <summary>The IANA name of the zone (e.g. <c>Asia/Shanghai</c>) when the browser tells it.</summary>
    public string? Name { get; private set; }

    public async Task LoadAsync(DateTimeOffset now)
    {
        var from = now - Back;
        var to = now + Ahead;
        var offsets = await js.InvokeAsync<double[]?>("claudeProxyPanel.offsets", from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()).ConfigureAwait(true);
        var name = await js.InvokeAsync<string?>("claudeProxyPanel.timeZone").ConfigureAwait(true);
        Use(offsets, name);
    }

    /// <summary>Takes the browser's answer: pairs of (start in Unix milliseconds, offset in minutes east of UTC).</summary>
    internal void Use(IReadOnlyList<double>? offsets, string? name)
    {
        Name = string.IsNullOrWhiteSpace(name) ? null : name;
        if (offsets is null || offsets.Count < 2)
        {
            return;
        }

        var spans = new List<(DateTimeOffset, TimeSpan)>();
        for (var i = 0; i + 1 < offsets.Count; i += 2)
        {
            var minutes = offsets[i + 1];
            if (double.IsFinite(offsets[i]) && double.IsFinite(minutes) && Math.Abs(minutes) <= 18 * 60)
            {
                spans.Add((DateTimeOffset.FromUnixTimeMilliseconds((long)offsets[i]), TimeSpan.FromMinutes(minutes)));
            }
        }

        if (spans.Count > 0)
        {
            _spans = [.. spans.OrderBy(s => s.Item1)];
        }
    }

    /// <summary>The zone's offset from UTC at <paramref name="time"/>.</summary>
    public TimeSpan OffsetAt(DateTimeOffset time)
    {
        var offset = _spans[0].Offset;
        foreach (var (from, spanOffset) in _spans)
        {
            if (from > time)
            {
                break;
            }

            offset = spanOffset;
        }

        return offset;
    }

    /// <summary><paramref name="time"/> on the browser's clock.</summary>
    public DateTime ToLocal(DateTimeOffset time) => DateTime.SpecifyKind(time.UtcDateTime + OffsetAt(time), DateTimeKind.Unspecified);

    /// <summary>
    /// The instant a local date and time names. A time skipped by a change to summer time is read with the offset before it;
    /// a time that occurs twice is its first occurrence.
    /// </summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        foreach (var offset in _spans.Select(s => s.Offset).Distinct().OrderByDescending(o => o))
        {
            var candidate = new DateTimeOffset(wall - offset, TimeSpan.Zero);
            if (OffsetAt(candidate) == offset)
            {
                return candidate;
            }
        }

        var before = OffsetAt(new DateTimeOffset(wall, TimeSpan.Zero) - TimeSpan.FromDays(1));
        return new DateTimeOffset(wall - before, TimeSpan.Zero);
    }

    /// <summary>The offset in force at <paramref name="now"/>, as <c>UTC+08:00</c> (<c>UTC</c> for none).</summary>
    public string OffsetLabel(DateTimeOffset now)
    {
        var offset = OffsetAt(now);
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return "UTC" + sign + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The zone as a reader needs it once per page: <c>Asia/Shanghai (UTC+08:00)</c>, or the offset alone.</summary>
    public string Label(DateTimeOffset now) =>
        Name is { } name && name != "UTC" && name != "Etc/UTC" ? $"{name} ({OffsetLabel(now)})" : OffsetLabel(now);
}
