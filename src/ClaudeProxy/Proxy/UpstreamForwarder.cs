using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using ClaudeProxy.Observability.Cost;
using ClaudeProxy.Observability.Metrics;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Observability.Usage.Bodies;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;
using ClaudeProxy.Upstreams;

namespace ClaudeProxy.Proxy;

/// <summary>
/// The attempt loop: asks the scheduler for an attempt, sends it, and on a retryable failure (any
/// failure in <see cref="FuzzyMode"/>) before anything reached the client asks for the next one. The
/// client's response is committed only once an upstream answered 2xx; until then every failure can
/// still fail over.
/// </summary>
public sealed partial class UpstreamForwarder(
    UpstreamAdapters adapters,
    UpstreamHttpClients clients,
    ConfigStore configStore,
    IEnumerable<IAttemptObserver> observers,
    GatewaySettings settings,
    TimeProvider timeProvider,
    ShutdownDrain drain,
    IUsageRecorder usage,
    CostCalculator costs,
    GatewayKeys gatewayKeys,
    RequestMetrics metrics,
    ILogger<UpstreamForwarder> logger)
{
    public const string AttemptsHeader = "x-claude-proxy-attempts";

    public async Task ForwardAsync(HttpContext context, ProxyRequest request, AttemptPlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        var began = timeProvider.GetTimestamp();
        var log = new RequestLogDraft(request, timeProvider.GetUtcNow(), settings.InstanceId);
        using var bodies = settings.EnableBodyLogs ? new BodyLogCapture(context, request.Body, settings.BodyLogMaxBytes, gatewayKeys) : null;
        if (request.IsStreaming)
        {
            metrics.StreamStarted();
        }

        try
        {
            await ForwardAsync(context, request, plan, log, bodies);
        }
        finally
        {
            if (request.IsStreaming)
            {
                metrics.StreamEnded();
            }

            var entry = log.Finish(context, timeProvider.GetElapsedTime(began), costs.Cost);
            if (bodies is not null)
            {
                entry = bodies.Apply(entry);
            }

            metrics.Record(entry);
            usage.Record(entry);

            // The request's log line (written when the whole response is done) tells what this entry holds.
            context.Features.Set(entry);
        }
    }

    private async Task ForwardAsync(HttpContext context, ProxyRequest request, AttemptPlan plan, RequestLogDraft log, BodyLogCapture? bodies)
    {
        UpstreamFailure? lastFailure = null;
        var attempts = 0;

        // Read once: a request keeps the mode it started with, even if the file changes meanwhile.
        var fuzzy = configStore.Current.FuzzyModeEnabled == true;
        while (await plan.NextAsync() is { } attempt)
        {
            // Holds the key's slot until this attempt is done, streamed answer included, however it ends.
            using var lease = attempt.Lease;
            attempts++;
            var adapter = adapters.ForRouted(attempt.Channel);
            bodies?.Sent(attempt.ApiKey);
            var started = timeProvider.GetTimestamp();
            var startedAt = timeProvider.GetUtcNow();
            using var timer = new UpstreamCallTimer(request.IsStreaming, settings, timeProvider, context.RequestAborted, drain.Ended);
            UpstreamCall call;
            try
            {
                call = adapter.CreateCall(request, attempt);
            }
            catch (TranslationException ex)
            {
                // The request itself cannot be expressed upstream; another key or channel of this type would fail alike.
                await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, AnthropicErrorType.InvalidRequest, ex.Message);
                return;
            }

            using var ownedCall = call;
            ChannelHeaders.Apply(call.Message, attempt.Channel.Headers);
            HttpResponseMessage upstreamResponse;
            try
            {
                upstreamResponse = await clients.For(attempt.Channel.Config).SendAsync(call.Message, timer.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                if (timer.ClientAborted)
                {
                    return;
                }

                if (timer.ShuttingDown)
                {
                    await ShutdownDrain.WriteErrorAsync(context);
                    return;
                }

                var kind = timer.TimedOut ? FailureKind.Timeout : FailureKind.Network;
                lastFailure = UpstreamBreak.BeforeAnswer(attempt, request.RequestId, timer, ex);
                plan.Report(attempt, new AttemptOutcome(kind, null, timeProvider.GetElapsedTime(started), Message: lastFailure.Message()));
                Observe(request, attempt, attempts, startedAt, null, kind, timeProvider.GetElapsedTime(started), null);
                log.Attempt(attempt, null, lastFailure, timeProvider.GetElapsedTime(started));
                LogAttemptFailed(attempt.Channel.DisplayName, attempt.KeyFingerprint, kind, 0, request.RequestId);
                continue;
            }

            using (upstreamResponse)
            {
                timer.HeadersReceived();
                var timeToFirstByte = timeProvider.GetElapsedTime(started);
                var status = (int)upstreamResponse.StatusCode;
                LearnLimits(request, plan, attempt, upstreamResponse, status);
                IUpstreamAnswer? answer = null;
                UpstreamFailure? failure;
                try
                {
                    if (status is >= 200 and < 300)
                    {
                        (answer, failure) = await call.ReceiveAsync(upstreamResponse, timer);
                    }
                    else
                    {
                        failure = await call.ReadFailureAsync(upstreamResponse, timer.Token);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or JsonException)
                {
                    if (timer.ClientAborted)
                    {
                        return;
                    }

                    if (timer.ShuttingDown)
                    {
                        await ShutdownDrain.WriteErrorAsync(context);
                        return;
                    }

                    failure = status is >= 200 and < 300 ? UpstreamBreak.InAnswer(attempt, request.RequestId, timer, status, ex) : UpstreamBreak.BeforeAnswer(attempt, request.RequestId, timer, ex);
                }

                if (answer is not null)
                {
                    // Outside the try above: once writing has begun, nothing may fail over.
                    using (answer)
                    {
                        log.Attempt(attempt, status, null, timeToFirstByte);
                        await CommitAsync(context, plan, attempt, answer, attempts, status, timeToFirstByte, request.RequestId);
                        log.Answered(timeToFirstByte, answer.Outcome);
                    }

                    Observe(request, attempt, attempts, startedAt, status, FailureKind.None, timeProvider.GetElapsedTime(started), timeToFirstByte);
                    return;
                }

                failure = failure ?? throw new InvalidOperationException("An upstream answer was neither ready nor failed.");
                plan.Report(attempt, new AttemptOutcome(failure.Kind, status, timeProvider.GetElapsedTime(started), failure.RetryAfter, failure.Message()));
                Observe(request, attempt, attempts, startedAt, status, failure.Kind, timeProvider.GetElapsedTime(started), timeToFirstByte);
                log.Attempt(attempt, status, failure, timeProvider.GetElapsedTime(started));
                LogAttemptFailed(attempt.Channel.DisplayName, attempt.KeyFingerprint, failure.Kind, status, request.RequestId);
                lastFailure = failure;
                if (!FuzzyMode.FailsOver(failure.Kind, fuzzy))
                {
                    break;
                }
            }
        }

        await WriteFinalFailureAsync(context, plan, lastFailure, attempts, fuzzy);
    }

    /// <summary>The answer arrived: the attempt counts as a success, and writing it commits the client's response.</summary>
    private static async Task CommitAsync(HttpContext context, AttemptPlan plan, UpstreamAttempt attempt, IUpstreamAnswer answer, int attempts, int status, TimeSpan timeToFirstByte, string requestId)
    {
        plan.Report(attempt, new AttemptOutcome(FailureKind.None, status, timeToFirstByte));

        // Every answer carries a request id; a relayed one may replace it with the upstream's own.
        context.Response.Headers["request-id"] = requestId;
        if (attempts > 1)
        {
            context.Response.Headers[AttemptsHeader] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await answer.WriteAsync(context);
    }

    private async Task WriteFinalFailureAsync(HttpContext context, AttemptPlan plan, UpstreamFailure? failure, int attempts, bool fuzzy)
    {
        var configPath = configStore.FilePath;
        if (failure is null)
        {
            if (plan.SkippedCappedKeys)
            {
                // Nothing was sent: every usable key is at the plan limits its channel set, which free up by themselves.
                await GatewayErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, AnthropicErrorType.RateLimit,
                    "Every key that could serve this request is at its channel's maxConcurrency or rpm cap. Retry shortly.");
            }
            else if (plan.CandidateChannelCount == 0)
            {
                await GatewayErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, AnthropicErrorType.Api,
                    $"No channel is configured for this request. Add one to {configPath} (the gateway picks up the change by itself).",
                    shouldRetry: false);
            }
            else
            {
                await GatewayErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, AnthropicErrorType.Api,
                    $"The channel for this request has no API keys. Add one to its apiKeys in {configPath}.",
                    shouldRetry: false);
            }

            return;
        }

        var headers = context.Response.Headers;
        if (fuzzy)
        {
            // None of the upstreams' errors, nor their headers: one answer that names no channel or key.
            headers[AttemptsHeader] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await GatewayErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, AnthropicErrorType.Overloaded, FuzzyMode.AllFailedMessage);
            return;
        }

        foreach (var (name, values) in failure.Headers)
        {
            headers[name] = values;
        }

        headers[AttemptsHeader] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await GatewayErrors.WriteEnvelopeAsync(context, failure.Status, failure.Envelope);
    }

    /// <summary>
    /// Rests the key now, before this answer is even read, if its headers say it has nothing left, so the
    /// next request goes elsewhere instead of spending a 429. Only messages answers count: the limits an
    /// answer of another endpoint (token counting, models) reports are that endpoint's own.
    /// </summary>
    private void LearnLimits(ProxyRequest request, AttemptPlan plan, UpstreamAttempt attempt, HttpResponseMessage response, int status)
    {
        if (request.Endpoint == ProxyEndpoint.Messages && RateLimitHeaders.ExhaustedUntil(response, timeProvider) is { } until)
        {
            plan.ReportLimitReached(attempt, until, status);
        }
    }

    private void Observe(ProxyRequest request, UpstreamAttempt attempt, int number, DateTimeOffset startedAt, int? status, FailureKind failure, TimeSpan latency, TimeSpan? timeToFirstByte)
    {
        var record = new AttemptRecord(request.RequestId, startedAt, attempt.Channel.Id, attempt.Channel.DisplayName, attempt.Channel.ServiceType,
            attempt.KeyFingerprint, number, status, failure, latency, timeToFirstByte);
        foreach (var observer in observers)
        {
            observer.OnAttempt(record);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt on channel {Channel} with key {Key} failed: {Kind} (HTTP {Status}) [{RequestId}]")]
    private partial void LogAttemptFailed(string channel, string key, FailureKind kind, int status, string requestId);
}
