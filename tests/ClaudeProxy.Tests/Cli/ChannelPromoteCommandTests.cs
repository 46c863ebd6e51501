using System.Globalization;
using ClaudeProxy.Configuration;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Cli;

public sealed class ChannelPromoteCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Promote_puts_a_channel_first_for_the_given_time_and_says_until_when()
    {
        using var cli = await CliHarness.WithConfigAsync(CliHarness.TwoChannels);
        cli.Clock = new FakeTimeProvider(Now);

        var run = await cli.RunAsync("channels", "promote", "relay", "--for", "10m");

        Assert.Contains("Promoted channel relay", run.Succeeded().Output, StringComparison.Ordinal);
        Assert.Contains("promoted     until 2026-03-01 09:10:00 UTC", run.Output, StringComparison.Ordinal);
        var until = DateTimeOffset.Parse((string)(await cli.ChannelAsync(1))["promotionUntil"]!, CultureInfo.InvariantCulture);
        Assert.Equal(Now.AddMinutes(10), until);
        Assert.Equal(1, ChannelOrderAt(await cli.ConfigTextAsync(), Now));
    }

    [Fact]
    public async Task Promote_lasts_five_minutes_by_default_and_end_stops_it()
    {
        using var cli = await CliHarness.WithConfigAsync(CliHarness.TwoChannels);
        cli.Clock = new FakeTimeProvider(Now);

        await cli.RunAsync("channels", "promote", "main");
        var promoted = (string?)(await cli.ChannelAsync(0))["promotionUntil"];
        var ended = await cli.RunAsync("channels", "promote", "main", "--end");

        Assert.Equal(Now.AddMinutes(5), DateTimeOffset.Parse(promoted!, CultureInfo.InvariantCulture));
        Assert.Contains("Ended the promotion of channel main", ended.Succeeded().Output, StringComparison.Ordinal);
        Assert.Null((await cli.ChannelAsync(0))["promotionUntil"]);
    }

    [Theory]
    [InlineData("10x")]
    [InlineData("0s")]
    [InlineData("8d")]
    [InlineData("soon")]
    public async Task Promote_refuses_a_length_it_cannot_use_naming_the_option(string length)
    {
        using var cli = await CliHarness.WithConfigAsync(CliHarness.TwoChannels);
        var before = await cli.ConfigTextAsync();

        var run = await cli.RunAsync("channels", "promote", "relay", "--for", length);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --for: expected a whole number and s, m, h or d", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.ConfigTextAsync());
    }

    /// <summary>The list position of the channel the scheduler would try first at <paramref name="now"/>.</summary>
    private static int ChannelOrderAt(string configJson, DateTimeOffset now)
    {
        var config = ConfigParser.Parse(System.Text.Encoding.UTF8.GetBytes(configJson), "config.json");
        var promoted = config.Upstream.Select((c, i) => (c, i)).Single(x => x.c.PromotionUntil > now);
        return promoted.i;
    }
}
