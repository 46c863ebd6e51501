using ClaudeProxy.Panel.Pages;
using ClaudeProxy.Panel.Pages.LogView;
using ClaudeProxy.Panel.Services;
using Microsoft.JSInterop;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class LocalTimeZoneTests
{
    // New York in 2026 as the browser reports it: EST, EDT from 8 March 07:00 UTC, EST again from 1 November 06:00 UTC.
    private static readonly double[] NewYork2026 =
    [
        Ms(2025, 12, 1, 0, 0), -300,
        Ms(2026, 3, 8, 7, 0), -240,
        Ms(2026, 11, 1, 6, 0), -300,
    ];

    private static double Ms(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static LocalTimeZone Zone(string? name, params double[]? offsets)
    {
        var zone = new LocalTimeZone(new NoJs());
        zone.Use(offsets, name);
        return zone;
    }

    [Fact]
    public void Times_follow_the_browsers_offset_on_each_side_of_a_daylight_saving_change()
    {
        var zone = Zone("America/New_York", NewYork2026);

        Assert.Equal(new DateTime(2026, 3, 8, 1, 59, 0), zone.ToLocal(Utc(3, 8, 6, 59)));
        Assert.Equal(new DateTime(2026, 3, 8, 3, 0, 0), zone.ToLocal(Utc(3, 8, 7, 0)));
        Assert.Equal(new DateTime(2026, 7, 1, 8, 0, 0), zone.ToLocal(Utc(7, 1, 12)));
        Assert.Equal(new DateTime(2026, 12, 1, 7, 0, 0), zone.ToLocal(Utc(12, 1, 12)));
        Assert.Equal("America/New_York (UTC-04:00)", zone.Label(Utc(7, 1, 12)));
        Assert.Equal("America/New_York (UTC-05:00)", zone.Label(Utc(12, 1, 12)));
    }

    [Fact]
    public void A_local_time_goes_back_to_utc_with_the_offset_in_force_then_even_in_the_hours_a_change_skips_or_repeats()
    {
        var zone = Zone("America/New_York", NewYork2026);

        Assert.Equal(Utc(1, 15, 14), zone.FromLocal(new DateTime(2026, 1, 15, 9, 0, 0)));
        Assert.Equal(Utc(7, 1, 13), zone.FromLocal(new DateTime(2026, 7, 1, 9, 0, 0)));
        // 02:30 on 8 March does not exist: read with the winter offset, it is 03:30 summer time.
        Assert.Equal(Utc(3, 8, 7, 30), zone.FromLocal(new DateTime(2026, 3, 8, 2, 30, 0)));
        // 01:30 on 1 November happens twice: the first one, still summer time.
        Assert.Equal(Utc(11, 1, 5, 30), zone.FromLocal(new DateTime(2026, 11, 1, 1, 30, 0)));
    }

    [Fact]
    public void Without_an_answer_from_the_browser_times_stay_in_utc_and_say_so()
    {
        var zone = Zone(null, null);

        Assert.Equal(new DateTime(2026, 3, 1, 10, 15, 30), zone.ToLocal(new DateTimeOffset(2026, 3, 1, 10, 15, 30, TimeSpan.Zero)));
        Assert.Equal("UTC", zone.Label(Utc(3, 1, 0)));
        Assert.Equal("Asia/Kolkata (UTC+05:30)", Zone("Asia/Kolkata", 0, 330).Label(Utc(3, 1, 0)));
    }

    [Fact]
    public void A_custom_range_is_read_on_the_browsers_clock_and_sent_as_utc()
    {
        var zone = Zone("Asia/Shanghai", 0, 480);

        Assert.Equal(LogRangeProblem.None, LogRange.Read("2026-03-01T08:00", "2026-03-01T18:30", zone, out var range));

        Assert.Equal(new LogRange(Utc(3, 1, 0), Utc(3, 1, 10, 30)), range);
        Assert.Equal("since=2026-03-01T00%3A00%3A00Z&until=2026-03-01T10%3A30%3A00Z", new LogFilter { Range = range }.Query(Utc(3, 2, 0)));
    }

    [Fact]
    public void A_custom_range_may_leave_one_end_open()
    {
        var zone = Zone("Asia/Shanghai", 0, 480);

        Assert.Equal(LogRangeProblem.None, LogRange.Read("2026-03-01T08:00", "", zone, out var from));
        Assert.Equal(LogRangeProblem.None, LogRange.Read(null, "2026-03-01T08:00", zone, out var to));

        Assert.Equal("since=2026-03-01T00%3A00%3A00Z", new LogFilter { Range = from }.Query(Utc(3, 2, 0)));
        Assert.Equal("until=2026-03-01T00%3A00%3A00Z", new LogFilter { Range = to }.Query(Utc(3, 2, 0)));
    }

    [Theory]
    [InlineData("2026-03-01T18:30", "2026-03-01T08:00", LogRangeProblem.Order)]
    [InlineData("2026-03-01T08:00", "2026-03-01T08:00", LogRangeProblem.Order)]
    [InlineData(null, null, LogRangeProblem.Incomplete)]
    [InlineData(" ", "", LogRangeProblem.Incomplete)]
    [InlineData("yesterday", "2026-03-01T08:00", LogRangeProblem.Incomplete)]
    public void A_custom_range_must_name_an_end_and_start_before_it_ends(string? from, string? to, LogRangeProblem problem)
    {
        Assert.Equal(problem, LogRange.Read(from, to, Zone("Asia/Shanghai", 0, 480), out var range));
        Assert.Null(range);
    }

    [Fact]
    public void An_end_today_shows_hours_and_minutes_and_one_on_another_day_its_date_too()
    {
        var zone = Zone("Asia/Shanghai", 0, 480);
        var now = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal("20:05", Format.Until(now.AddHours(2).AddMinutes(5), now, zone));
        Assert.Equal("03-02 02:00", Format.Until(now.AddHours(8), now, zone));
    }

    private sealed class NoJs : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new InvalidOperationException();

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => throw new InvalidOperationException();
    }
}
