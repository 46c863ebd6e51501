using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Hosting;
using ClaudeProxy.Tests.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClaudeProxy.Tests.Hosting;

/// <summary>
/// Whatever goes wrong inside, the client gets the Anthropic envelope and nothing of the failure:
/// no stack trace, no exception text, no echo of what it sent. The failure is logged once.
/// </summary>
public sealed class UnhandledExceptionTests
{
    private const string SecretHeaderValue = "sk-ant-api03-echo-me-not-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unexpected_exception_becomes_a_500_api_error_envelope_that_echoes_nothing()
    {
        using var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var middleware = new UnhandledExceptionMiddleware(
            _ => throw new InvalidOperationException($"boom at /src/secret/path.cs with {SecretHeaderValue}"),
            factory.CreateLogger<UnhandledExceptionMiddleware>());
        var context = Context();

        await middleware.InvokeAsync(context);

        var body = Body(context);
        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal("false", context.Response.Headers["x-should-retry"].ToString());
        var envelope = JsonNode.Parse(body)!;
        Assert.Equal("error", (string?)envelope["type"]);
        Assert.Equal("api_error", (string?)envelope["error"]!["type"]);
        var requestId = (string?)envelope["request_id"];
        Assert.StartsWith("req_", requestId, StringComparison.Ordinal);
        Assert.DoesNotContain("boom", body, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretHeaderValue, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        var logged = Assert.Single(logs.Lines, line => line.Contains("Unhandled error", StringComparison.Ordinal));
        Assert.Contains(requestId!, logged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(413, "request_too_large")]
    [InlineData(400, "invalid_request_error")]
    public async Task A_request_kestrel_refuses_keeps_its_status_in_the_envelope(int status, string errorType)
    {
        using var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var middleware = new UnhandledExceptionMiddleware(_ => throw new BadHttpRequestException("Kestrel's own words", status),
            factory.CreateLogger<UnhandledExceptionMiddleware>());
        var context = Context();

        await middleware.InvokeAsync(context);

        Assert.Equal(status, context.Response.StatusCode);
        var envelope = JsonNode.Parse(Body(context))!;
        Assert.Equal(errorType, (string?)envelope["error"]!["type"]);
        Assert.DoesNotContain("Kestrel's own words", Body(context), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_after_the_answer_started_cuts_the_connection_instead_of_pretending_it_finished()
    {
        using var factory = LoggerFactory.Create(_ => { });
        var middleware = new UnhandledExceptionMiddleware(async context =>
        {
            await context.Response.Body.WriteAsync("{\"partial\":"u8.ToArray(), Token);
            throw new InvalidOperationException("late failure");
        }, factory.CreateLogger<UnhandledExceptionMiddleware>());
        var context = Context();
        var lifetime = new AbortRecorder();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        context.Features.Set<IHttpResponseFeature>(new StartedResponse());

        await middleware.InvokeAsync(context);

        Assert.True(lifetime.Aborted);
        Assert.Equal("{\"partial\":", Body(context));
    }

    [Fact]
    public async Task The_development_setting_never_switches_on_the_developer_exception_page()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { Environment = "development" });

        Assert.Equal(Environments.Production, gateway.App.Environment.EnvironmentName);
        using var client = gateway.CreateClient();
        using var health = await client.GetAsync("/health", Token);
        Assert.Contains("\"development\"", await health.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/v1/messages";
        context.Request.Headers["x-api-key"] = SecretHeaderValue;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    private sealed class AbortRecorder : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }

        public bool Aborted { get; private set; }

        public void Abort() => Aborted = true;
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
