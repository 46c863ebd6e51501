using ClaudeProxy.Protocols.Anthropic;
using Xunit;

namespace ClaudeProxy.Protocols.Tests;

public sealed class AnthropicErrorTypeTests
{
    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(402, "billing_error")]
    [InlineData(403, "permission_error")]
    [InlineData(404, "not_found_error")]
    [InlineData(413, "request_too_large")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "api_error")]
    [InlineData(502, "api_error")]
    [InlineData(503, "overloaded_error")]
    [InlineData(504, "timeout_error")]
    [InlineData(529, "overloaded_error")]
    public void A_known_status_maps_to_its_Anthropic_error_type(int status, string expected)
    {
        Assert.Equal(expected, AnthropicErrorType.ForStatus(status));
    }

    [Theory]
    [InlineData(405)]
    [InlineData(409)]
    [InlineData(415)]
    [InlineData(418)]
    [InlineData(422)]
    [InlineData(499)]
    public void Any_other_client_error_status_falls_back_to_invalid_request(int status)
    {
        Assert.Equal(AnthropicErrorType.InvalidRequest, AnthropicErrorType.ForStatus(status));
    }

    [Theory]
    [InlineData(501)]
    [InlineData(505)]
    [InlineData(599)]
    public void Any_other_server_error_status_falls_back_to_api_error(int status)
    {
        Assert.Equal(AnthropicErrorType.Api, AnthropicErrorType.ForStatus(status));
    }

    [Fact]
    public void The_error_type_constants_match_the_wire_names_Anthropic_uses()
    {
        Assert.Equal("invalid_request_error", AnthropicErrorType.InvalidRequest);
        Assert.Equal("authentication_error", AnthropicErrorType.Authentication);
        Assert.Equal("billing_error", AnthropicErrorType.Billing);
        Assert.Equal("permission_error", AnthropicErrorType.Permission);
        Assert.Equal("not_found_error", AnthropicErrorType.NotFound);
        Assert.Equal("request_too_large", AnthropicErrorType.RequestTooLarge);
        Assert.Equal("rate_limit_error", AnthropicErrorType.RateLimit);
        Assert.Equal("api_error", AnthropicErrorType.Api);
        Assert.Equal("timeout_error", AnthropicErrorType.Timeout);
        Assert.Equal("overloaded_error", AnthropicErrorType.Overloaded);
    }
}
