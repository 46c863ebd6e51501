using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Security;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Security;

/// <summary>Ten failed key checks from one address within a minute lock that address out of wrong guesses for five minutes.</summary>
public sealed class AuthFailureThrottleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> TryKeyAsync(TestGateway gateway, string key)
    {
        using var client = gateway.CreateClient(key);
        return await client.GetAsync("/v1/models", Token);
    }

    private static async Task FailAsync(TestGateway gateway, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await TryKeyAsync(gateway, "wrong-key-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_eleventh_wrong_key_within_a_minute_gets_429_with_retry_after_for_five_minutes()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time);
        await FailAsync(gateway, 10);

        using var response = await TryKeyAsync(gateway, "wrong-key-again");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("300", response.Headers.GetValues("retry-after").Single());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal("rate_limit_error", (string?)body["error"]!["type"]);
        Assert.Contains(gateway.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("127.0.0.1", StringComparison.Ordinal) && line.Contains("locked out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_valid_key_from_a_locked_out_address_is_still_served()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time);
        await FailAsync(gateway, 10);

        using var response = await TryKeyAsync(gateway, TestGateway.DefaultAccessKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_lockout_ends_after_its_time_and_retry_after_counts_down()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time);
        await FailAsync(gateway, 10);

        time.Advance(TimeSpan.FromSeconds(200));
        using (var stillLocked = await TryKeyAsync(gateway, "wrong"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, stillLocked.StatusCode);
            Assert.Equal("100", stillLocked.Headers.GetValues("retry-after").Single());
        }

        time.Advance(TimeSpan.FromSeconds(100));
        using var afterwards = await TryKeyAsync(gateway, "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Fact]
    public async Task Failures_spread_over_more_than_a_minute_do_not_lock_out()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time);

        await FailAsync(gateway, 9);
        time.Advance(TimeSpan.FromSeconds(61));
        await FailAsync(gateway, 9);
    }

    [Fact]
    public async Task The_limit_and_the_lockout_are_settings()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time, settings: s => s with { AuthFailureLimit = 3, AuthLockout = TimeSpan.FromSeconds(30) });
        await FailAsync(gateway, 3);

        using var response = await TryKeyAsync(gateway, "wrong");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("retry-after").Single());
    }

    [Fact]
    public async Task A_limit_of_zero_turns_throttling_off()
    {
        await using var gateway = await TestGateway.StartAsync(timeProvider: new FakeTimeProvider(), settings: s => s with { AuthFailureLimit = 0 });

        await FailAsync(gateway, 25);
    }

    [Fact]
    public void Other_addresses_are_not_affected_by_a_locked_out_one()
    {
        var throttle = new AuthFailureThrottle(10, TimeSpan.FromMinutes(5), new FakeTimeProvider());
        for (var i = 0; i < 10; i++)
        {
            throttle.RecordFailure("203.0.113.7");
        }

        Assert.Equal(TimeSpan.FromMinutes(5), throttle.LockedFor("203.0.113.7"));
        Assert.Null(throttle.LockedFor("203.0.113.8"));
        Assert.False(throttle.RecordFailure("203.0.113.8"));
    }

    [Fact]
    public void Memory_stays_bounded_under_many_addresses_and_locked_out_ones_are_kept()
    {
        var time = new FakeTimeProvider();
        var throttle = new AuthFailureThrottle(3, TimeSpan.FromMinutes(5), time, maxTrackedAddresses: 100);
        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure("198.51.100.1");
        }

        for (var i = 0; i < 10_000; i++)
        {
            throttle.RecordFailure($"10.{i / 65536}.{i / 256 % 256}.{i % 256}");
        }

        Assert.True(throttle.TrackedAddressCount <= 100, $"{throttle.TrackedAddressCount} addresses tracked");
        Assert.NotNull(throttle.LockedFor("198.51.100.1"));
    }

    [Theory]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData(null, "unknown")]
    public void An_ipv4_client_seen_over_ipv6_counts_as_its_ipv4_address(string? address, string expected) =>
        Assert.Equal(expected, AuthFailureThrottle.AddressOf(address is null ? null : IPAddress.Parse(address)));
}
