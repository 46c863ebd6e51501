using ClaudeProxy.Panel.Pages.LogView;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class LogFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public void An_empty_filter_asks_only_for_the_page()
    {
        Assert.Equal("limit=50", new LogFilter().Query(Now, limit: 50));
        Assert.Equal("", new LogFilter().Query(Now));
    }

    [Fact]
    public void Every_filter_goes_into_the_query_trimmed_and_escaped_with_the_period_as_an_rfc3339_utc_since()
    {
        var filter = new LogFilter
        {
            Period = TimeSpan.FromHours(1),
            Channel = " relay a&b ",
            Model = "claude-sonnet-4-5",
            Status = " 429 ",
            ErrorType = "rate_limit_error",
            Instance = " gw-b ",
        };

        Assert.Equal(
            "limit=50&before=1234&since=2026-03-01T03%3A30%3A00Z&channel=relay%20a%26b&model=claude-sonnet-4-5&status=429&errorType=rate_limit_error&instance=gw-b",
            filter.Query(Now, limit: 50, before: 1234));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("200", true)]
    [InlineData("599", true)]
    [InlineData("99", false)]
    [InlineData("600", false)]
    [InlineData("4xx", false)]
    [InlineData("-1", false)]
    public void A_status_must_be_empty_or_a_code_from_100_to_599(string? status, bool valid)
    {
        var filter = new LogFilter { Status = status };

        Assert.Equal(valid, filter.StatusIsValid);
        Assert.Equal(valid && !string.IsNullOrEmpty(status), filter.Query(Now).Contains("status=", StringComparison.Ordinal));
    }

    [Fact]
    public void Paging_goes_older_along_the_cursor_and_newer_back_the_same_way()
    {
        var paging = new LogPaging { Next = 900 };
        Assert.False(paging.HasNewer);
        Assert.True(paging.HasOlder);

        paging.Older();
        Assert.Equal(900, paging.Current);
        paging.Next = 800;
        paging.Older();
        Assert.Equal(800, paging.Current);
        Assert.Equal(3, paging.PageNumber);

        paging.Newer();
        Assert.Equal(900, paging.Current);
        paging.Newer();
        Assert.Null(paging.Current);
        Assert.False(paging.HasNewer);
    }

    [Fact]
    public void Older_at_the_end_of_the_log_stays_put_and_reset_returns_to_the_newest_page()
    {
        var paging = new LogPaging { Next = 5 };
        paging.Older();
        paging.Older();
        Assert.Equal(5, paging.Current);

        paging.Reset();

        Assert.Null(paging.Current);
        Assert.False(paging.HasNewer);
    }
}
