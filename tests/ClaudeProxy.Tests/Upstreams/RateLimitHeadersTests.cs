using System.Net;
using ClaudeProxy.Upstreams;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Upstreams;

/// <summary>Reading "this key has nothing left until T" from the rate-limit headers of any answer.</summary>
public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);

    private static HttpResponseMessage Answer(params (string Name, string Value)[] headers) => Answer(HttpStatusCode.OK, headers);

    private static HttpResponseMessage Answer(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private DateTimeOffset? Read(params (string Name, string Value)[] headers)
    {
        using var response = Answer(headers);
        return RateLimitHeaders.ExhaustedUntil(response, _time);
    }

    [Theory]
    [InlineData("requests")]
    [InlineData("tokens")]
    [InlineData("input-tokens")]
    [InlineData("output-tokens")]
    public void An_exhausted_anthropic_limit_rests_the_key_until_its_rfc_3339_reset(string limit)
    {
        var until = Read(
            ($"anthropic-ratelimit-{limit}-remaining", "0"),
            ($"anthropic-ratelimit-{limit}-reset", Rfc3339(Now.AddSeconds(30))));

        Assert.Equal(Now.AddSeconds(30), until);
    }

    [Theory]
    [InlineData("requests")]
    [InlineData("tokens")]
    public void An_exhausted_openai_limit_rests_the_key_for_its_reset_duration_from_now(string limit)
    {
        var until = Read(($"x-ratelimit-remaining-{limit}", "0"), ($"x-ratelimit-reset-{limit}", "30s"));

        Assert.Equal(Now.AddSeconds(30), until);
    }

    [Theory]
    [InlineData("2026-03-02T09:00:30Z", 30_000)]
    [InlineData("2026-03-02T09:00:30.250Z", 30_250)]
    [InlineData("2026-03-02T11:00:30+02:00", 30_000)]
    [InlineData("2026-03-02T09:00:30.5+00:00", 30_500)]
    public void Anthropic_resets_are_read_with_fractions_and_offsets(string reset, int milliseconds)
    {
        var until = Read(("anthropic-ratelimit-requests-remaining", "0"), ("anthropic-ratelimit-requests-reset", reset));

        Assert.Equal(Now.AddMilliseconds(milliseconds), until);
    }

    [Theory]
    [InlineData("1s", 1_000.0)]
    [InlineData("6m0s", 360_000.0)]
    [InlineData("20ms", 20.0)]
    [InlineData("1h2m3.5s", 3_723_500.0)]
    [InlineData("1.5s", 1_500.0)]
    [InlineData("2h", 7_200_000.0)]
    [InlineData("500us", 0.5)]
    [InlineData("250µs", 0.25)]
    [InlineData("1000000ns", 1.0)]
    [InlineData("30", 30_000.0)]
    [InlineData("0", 0.0)]
    [InlineData(" 12ms ", 12.0)]
    public void Durations_are_read_as_openai_compatible_upstreams_write_them(string text, double milliseconds)
    {
        Assert.True(RateLimitHeaders.TryParseDuration(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, precision: 6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("1x")]
    [InlineData("1.2.3s")]
    [InlineData("1 s")]
    [InlineData("1h2")]
    [InlineData("soon")]
    [InlineData("1e3s")]
    [InlineData("99999999999999999999h")]
    public void Malformed_durations_are_refused(string? text)
    {
        Assert.False(RateLimitHeaders.TryParseDuration(text, out _));
    }

    [Fact]
    public void Remaining_above_zero_means_nothing_even_with_a_reset_ahead()
    {
        var until = Read(
            ("anthropic-ratelimit-requests-remaining", "1"),
            ("anthropic-ratelimit-requests-reset", Rfc3339(Now.AddSeconds(30))),
            ("x-ratelimit-remaining-tokens", "18000"),
            ("x-ratelimit-reset-tokens", "6m0s"));

        Assert.Null(until);
    }

    [Fact]
    public void An_answer_without_rate_limit_headers_means_nothing()
    {
        Assert.Null(Read());
    }

    [Fact]
    public void Several_exhausted_limits_rest_the_key_until_the_latest_reset()
    {
        var until = Read(
            ("anthropic-ratelimit-requests-remaining", "0"),
            ("anthropic-ratelimit-requests-reset", Rfc3339(Now.AddSeconds(20))),
            ("anthropic-ratelimit-output-tokens-remaining", "0"),
            ("anthropic-ratelimit-output-tokens-reset", Rfc3339(Now.AddSeconds(50))),
            ("anthropic-ratelimit-tokens-remaining", "0"),
            ("anthropic-ratelimit-tokens-reset", Rfc3339(Now.AddSeconds(40))));

        Assert.Equal(Now.AddSeconds(50), until);
    }

    [Fact]
    public void A_later_reset_of_a_limit_with_something_left_does_not_count()
    {
        var until = Read(
            ("x-ratelimit-remaining-requests", "0"),
            ("x-ratelimit-reset-requests", "10s"),
            ("x-ratelimit-remaining-tokens", "500"),
            ("x-ratelimit-reset-tokens", "5m"));

        Assert.Equal(Now.AddSeconds(10), until);
    }

    [Fact]
    public void A_reset_in_the_past_or_now_means_nothing()
    {
        Assert.Null(Read(("anthropic-ratelimit-requests-remaining", "0"), ("anthropic-ratelimit-requests-reset", Rfc3339(Now.AddSeconds(-5)))));
        Assert.Null(Read(("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "0s")));
    }

    [Fact]
    public void An_exhausted_limit_without_a_reset_means_nothing()
    {
        Assert.Null(Read(("anthropic-ratelimit-requests-remaining", "0")));
        Assert.Null(Read(("x-ratelimit-remaining-requests", "0")));
    }

    [Theory]
    [InlineData("zero", "30s")]
    [InlineData("", "30s")]
    [InlineData("-1", "30s")]
    [InlineData("0", "thirty seconds")]
    [InlineData("0", "-30s")]
    [InlineData("0", "2026-03-02T09:00:30Z")]
    [InlineData("0", "99999999h")]
    public void Garbage_openai_values_are_ignored(string remaining, string reset)
    {
        Assert.Null(Read(("x-ratelimit-remaining-requests", remaining), ("x-ratelimit-reset-requests", reset)));
    }

    [Theory]
    [InlineData("none", "2026-03-02T09:00:30Z")]
    [InlineData("0", "tomorrow")]
    [InlineData("0", "30s")]
    [InlineData("0", "2026-13-45T09:00:30Z")]
    [InlineData("0", "2026-03-02T09:00:30")]
    [InlineData("0", "Mon, 02 Mar 2026 09:00:30 GMT")]
    public void Garbage_anthropic_values_are_ignored(string remaining, string reset)
    {
        Assert.Null(Read(("anthropic-ratelimit-requests-remaining", remaining), ("anthropic-ratelimit-requests-reset", reset)));
    }

    [Fact]
    public void A_garbage_limit_does_not_hide_a_well_formed_one()
    {
        var until = Read(
            ("anthropic-ratelimit-tokens-remaining", "0"),
            ("anthropic-ratelimit-tokens-reset", "not a time"),
            ("anthropic-ratelimit-requests-remaining", "0"),
            ("anthropic-ratelimit-requests-reset", Rfc3339(Now.AddSeconds(15))));

        Assert.Equal(Now.AddSeconds(15), until);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public void Failed_answers_are_read_alike(HttpStatusCode status)
    {
        using var response = Answer(status, ("x-ratelimit-remaining-tokens", "0"), ("x-ratelimit-reset-tokens", "1m30s"));

        Assert.Equal(Now.AddSeconds(90), RateLimitHeaders.ExhaustedUntil(response, _time));
    }

    [Fact]
    public void The_reset_is_measured_from_the_time_providers_now()
    {
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(Now.AddMinutes(5).AddSeconds(3), Read(("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "3s")));
    }
}
