using System.Text;
using ClaudeProxy.Routing.Attempts;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Attempts;

/// <summary>What an upstream's failed answer means, read from its status and body.</summary>
public sealed class FailureClassifierTests
{
    private static FailureKind Classify(int status, string body) => FailureClassifier.Classify(status, Encoding.UTF8.GetBytes(body));

    [Theory]
    // Success.
    [InlineData(200, "", FailureKind.None)]
    [InlineData(200, """{"id":"msg_01","type":"message","role":"assistant","content":[{"type":"text","text":"Your credit balance is too low"}]}""", FailureKind.None)]
    // Refused keys.
    [InlineData(401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""", FailureKind.Auth)]
    [InlineData(403, """{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}""", FailureKind.Auth)]
    [InlineData(400, """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}""", FailureKind.Auth)]
    [InlineData(400, """{"error":{"code":400,"message":"Invalid argument.","status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}""", FailureKind.Auth)]
    // Out of credit.
    [InlineData(402, "", FailureKind.Quota)]
    [InlineData(402, """{"error":{"message":"Insufficient Balance","type":"unknown_error"}}""", FailureKind.Quota)]
    [InlineData(429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""", FailureKind.Quota)]
    [InlineData(429, """{"error":{"code":"insufficient_quota","message":"quota used up"}}""", FailureKind.Quota)]
    [InlineData(400, """{"error":{"message":"账户余额不足，请充值后再试","type":"upstream_error"}}""", FailureKind.Quota)]
    [InlineData(403, """{"error":{"message":"账户余额不足，请充值后再试","type":"upstream_error"}}""", FailureKind.Quota)]
    [InlineData(403, """{"code":403,"msg":"积分不足，请前往控制台充值"}""", FailureKind.Quota)]
    [InlineData(400, """{"code":400,"msg":"积分不足，请前往控制台充值"}""", FailureKind.Quota)]
    [InlineData(403, """{"error":{"message":"该令牌额度已用尽 TokenStatusExhausted","type":"new_api_error"}}""", FailureKind.Quota)]
    [InlineData(400, """{"error":{"message":"该令牌额度已用尽 TokenStatusExhausted","type":"new_api_error"}}""", FailureKind.Quota)]
    [InlineData(403, """{"error":{"message":"预扣费失败，请稍后重试","type":"one_api_error"}}""", FailureKind.Quota)]
    [InlineData(400, """{"error":{"message":"预扣费失败，请稍后重试","type":"one_api_error"}}""", FailureKind.Quota)]
    [InlineData(400, """{"error":{"message":"Insufficient balance, please recharge your account","type":"invalid_request_error"}}""", FailureKind.Quota)]
    [InlineData(403, """{"error":{"message":"insufficient balance","type":"forbidden"}}""", FailureKind.Quota)]
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}""", FailureKind.Quota)]
    [InlineData(403, """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}}""", FailureKind.Quota)]
    // Rate limits.
    [InlineData(429, "", FailureKind.RateLimit)]
    [InlineData(429, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit (https://docs.anthropic.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later."}}""", FailureKind.RateLimit)]
    [InlineData(429, """{"error":{"message":"Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000. Please try again in 2s.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", FailureKind.RateLimit)]
    // The upstream's own trouble.
    [InlineData(408, "", FailureKind.Transient)]
    [InlineData(500, """{"type":"error","error":{"type":"api_error","message":"Internal server error"}}""", FailureKind.Transient)]
    [InlineData(502, "", FailureKind.Transient)]
    [InlineData(503, """{"error":{"message":"no available channels for model claude-sonnet-4-5","type":"service_unavailable"}}""", FailureKind.Transient)]
    [InlineData(504, "", FailureKind.Transient)]
    [InlineData(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", FailureKind.Transient)]
    // The request's fault.
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5-20250929"}}""", FailureKind.Client)]
    [InlineData(404, """{"type":"error","error":{"type":"not_found_error","message":"model: claude-opus-9"}}""", FailureKind.Client)]
    [InlineData(413, """{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}""", FailureKind.Client)]
    [InlineData(422, """{"detail":[{"loc":["body","messages"],"msg":"field required","type":"value_error.missing"}]}""", FailureKind.Client)]
    public void Classifies_the_answer(int status, string body, FailureKind expected) => Assert.Equal(expected, Classify(status, body));

    [Theory]
    [InlineData(400, FailureKind.Client)]
    [InlineData(401, FailureKind.Auth)]
    [InlineData(402, FailureKind.Quota)]
    [InlineData(403, FailureKind.Auth)]
    [InlineData(404, FailureKind.Client)]
    [InlineData(408, FailureKind.Transient)]
    [InlineData(413, FailureKind.Client)]
    [InlineData(422, FailureKind.Client)]
    [InlineData(429, FailureKind.RateLimit)]
    [InlineData(500, FailureKind.Transient)]
    [InlineData(502, FailureKind.Transient)]
    [InlineData(503, FailureKind.Transient)]
    [InlineData(504, FailureKind.Transient)]
    [InlineData(529, FailureKind.Transient)]
    public void An_empty_body_is_classified_by_its_status(int status, FailureKind expected) => Assert.Equal(expected, FailureClassifier.Classify(status, []));

    [Theory]
    [InlineData(502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n", FailureKind.Transient)]
    [InlineData(503, "<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>Service Temporarily Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems.</p></body></html>", FailureKind.Transient)]
    [InlineData(504, "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>cloudflare</center></body></html>", FailureKind.Transient)]
    [InlineData(403, "<!DOCTYPE html><html lang=\"en-US\"><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1><h2>You are unable to access example-relay.com</h2><p>Cloudflare Ray ID: 8a1b2c3d4e5f6789</p></body></html>", FailureKind.Auth)]
    [InlineData(404, "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", FailureKind.Client)]
    [InlineData(429, "<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>openresty</center></body></html>", FailureKind.RateLimit)]
    [InlineData(403, "<html><body><h1>403</h1><p>您的账户余额不足，请充值</p></body></html>", FailureKind.Quota)]
    public void An_html_page_is_classified_by_its_status_unless_it_names_a_quota(int status, string body, FailureKind expected) => Assert.Equal(expected, Classify(status, body));

    [Theory]
    // Ordinary words near the quota vocabulary.
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 215000 tokens > 200000 maximum"}}""")]
    [InlineData(400, """{"error":{"message":"Unrecognized request argument supplied: load_balance","type":"invalid_request_error","param":null,"code":null}}""")]
    [InlineData(400, """{"error":{"message":"Invalid value for 'quota_project': expected a string.","type":"invalid_request_error","param":"quota_project","code":"invalid_value"}}""")]
    // A tool the client defined, named after what it does, echoed back in a schema error.
    [InlineData(400, """{"error":{"message":"Invalid schema for function 'get_billing_history': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'customer_id'.","type":"invalid_request_error","param":"tools[3].function.parameters","code":"invalid_function_parameters"}}""")]
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"tools.2.custom.input_schema: JSON schema is invalid. It must match JSON Schema draft 2020-12 (https://json-schema.org/draft/2020-12). Learn more about tool use at https://docs.claude.com/en/docs/tool-use. (tool: billing_lookup)"}}""")]
    // A base URL pointing at a relay's web site rather than its API: the 404 page has the site's menu.
    [InlineData(404, "<!DOCTYPE html><html><head><title>Page not found - Example Relay</title></head><body><nav><a href=\"/pricing\">Pricing</a> <a href=\"/console/billing\">Billing</a> <a href=\"/docs\">Docs</a></nav><h1>404</h1><p>This page could not be found.</p></body></html>")]
    public void A_client_error_that_merely_mentions_a_harmless_word_stays_Client(int status, string body) => Assert.Equal(FailureKind.Client, Classify(status, body));

    [Fact]
    public void Quota_wording_is_matched_whatever_its_case()
    {
        Assert.Equal(FailureKind.Quota, Classify(400, """{"error":{"message":"INSUFFICIENT BALANCE"}}"""));
        Assert.Equal(FailureKind.Quota, Classify(429, """{"error":{"code":"Insufficient_Quota"}}"""));
    }

    [Fact]
    public void A_server_error_that_mentions_a_quota_word_in_passing_stays_transient()
    {
        // Only 4xx (and 503) bodies are read for quota wording; a 500 is the upstream's own trouble.
        Assert.Equal(FailureKind.Transient, Classify(500, """{"error":{"message":"quota service unavailable: billing backend timed out"}}"""));
    }
}
