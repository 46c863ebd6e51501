using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;
using ClaudeProxy.Security;
using Microsoft.AspNetCore.Http.Features;

namespace ClaudeProxy.Upstreams.OpenAI;

/// <summary>
/// An OpenAI-compatible channel (<c>openai</c>, or <c>openaiold</c> for servers that take
/// <c>max_tokens</c>): the Anthropic request is translated to Chat Completions, and the answer —
/// JSON or a chunk stream — is translated back, event by event as chunks arrive.
/// </summary>
public sealed partial class OpenAIChatAdapter(string serviceType, bool useMaxCompletionTokens, ILogger<OpenAIChatAdapter> logger) : IUpstreamAdapter
{
    private static readonly HttpRequestOptionsKey<ChatRequestMapping> MappingKey = new("claude-proxy.chat-mapping");
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("ClaudeProxy", GatewayVersion.Current);
    private const int ReadSize = 16 * 1024;

    public string ServiceType => serviceType;

    /// <summary>Messages only: token counting is answered locally and model lists come from the config.</summary>
    public bool Serves(ProxyEndpoint endpoint) => endpoint == ProxyEndpoint.Messages;

    public HttpRequestMessage CreateRequest(ProxyRequest request, UpstreamAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var channel = attempt.Channel;
        var options = new ChatRequestOptions
        {
            Model = ModelMapper.Map(channel.ModelMapping, request.Peek.Model ?? ""),
            UseMaxCompletionTokens = useMaxCompletionTokens,
            MaxTokensCap = channel.MaxTokens,
            Reasoning = ReasoningSetting.Parse(channel.Reasoning),
            SystemMessagesInPlace = channel.SystemMessagesInPlace ?? false,
            ForwardUserId = channel.ForwardUserId ?? true,
        };
        var mapping = ChatRequestMapper.Map(request.Body.Memory, options);
        foreach (var note in mapping.Notes)
        {
            LogTranslationNote(channel.DisplayName, note, request.RequestId);
        }

        var message = new HttpRequestMessage(HttpMethod.Post, ChatCompletionsUrl.Build(channel.BaseUrl!))
        {
            Content = new ByteArrayContent(mapping.Body),
        };
        message.Content.Headers.ContentType = Json;
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", attempt.ApiKey);
        message.Headers.UserAgent.Add(UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mapping.Stream ? "text/event-stream" : "application/json"));
        message.Options.Set(MappingKey, mapping);
        return message;
    }

    public Task WriteResponseAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, HttpContext context, UpstreamCallTimer timer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        upstream.RequestMessage!.Options.TryGetValue(MappingKey, out var mapping);
        var responseContext = new ChatResponseContext(request.Peek.Model ?? "", mapping!.ToolNames);
        return request.IsStreaming
            ? WriteStreamAsync(upstream, request, attempt, context, timer, responseContext)
            : WriteMessageAsync(upstream, request, attempt, context, timer, responseContext);
    }

    public async Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var status = (int)upstream.StatusCode;
        var body = await UpstreamErrorBody.ReadAsync(upstream, cancellationToken);
        var error = ChatErrorTranslator.Translate(status, body);
        var message = SecretRedactor.Redact($"Upstream channel '{attempt.Channel.DisplayName}' answered HTTP {status}: {error.Message}", attempt.ApiKey);
        var kind = FailureClassifier.Classify(status, body);
        var headers = upstream.Headers
            .Where(h => h.Key.StartsWith("retry-after", StringComparison.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()))
            .ToList();
        return new UpstreamFailure(kind, error.Status, AnthropicErrorEnvelope.ToUtf8Bytes(error.ErrorType, message, request.RequestId))
        {
            Headers = headers,
            RetryAfter = UpstreamErrorBody.RetryAfter(upstream.Headers, DateTimeOffset.UtcNow),
        };
    }

    private async Task WriteMessageAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, HttpContext context, UpstreamCallTimer timer, ChatResponseContext responseContext)
    {
        byte[] translated;
        try
        {
            var body = await upstream.Content.ReadAsByteArrayAsync(timer.Token);
            translated = ChatResponseMapper.Map(body, responseContext);
        }
        catch (JsonException ex)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status502BadGateway, AnthropicErrorType.Api,
                $"Upstream channel '{attempt.Channel.DisplayName}' answered with a body that is not a Chat Completions response: {ex.Message}");
            return;
        }
        catch (Exception ex) when (!timer.ClientAborted && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            var timedOut = timer.TimedOut;
            await GatewayErrors.WriteAsync(context, timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                timedOut ? AnthropicErrorType.Timeout : AnthropicErrorType.Api,
                timedOut
                    ? $"Upstream channel '{attempt.Channel.DisplayName}' did not finish its answer within {timer.CurrentLimit.TotalSeconds:0} s."
                    : $"Upstream channel '{attempt.Channel.DisplayName}' broke off its answer: {ex.Message}");
            return;
        }

        LogNotes(attempt, request, responseContext);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = translated.Length;
        await context.Response.Body.WriteAsync(translated, context.RequestAborted);
    }

    private async Task WriteStreamAsync(HttpResponseMessage upstream, ProxyRequest request, UpstreamAttempt attempt, HttpContext context, UpstreamCallTimer timer, ChatResponseContext responseContext)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var output = new ArrayBufferWriter<byte>(4096);
        using var translator = new ChatStreamTranslator(output, responseContext);
        using var parser = new SseParser();
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            translator.Start();
            await FlushAsync(output, response, context.RequestAborted);
            await using var body = await upstream.Content.ReadAsStreamAsync(timer.Token);
            while (!translator.IsFinished)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, timer.Token);
                }
                catch (Exception ex) when (!timer.ClientAborted && ex is OperationCanceledException or IOException or HttpRequestException)
                {
                    var reason = timer.TimedOut
                        ? $"Upstream channel '{attempt.Channel.DisplayName}' sent nothing for {timer.CurrentLimit.TotalSeconds:0} s."
                        : $"Upstream channel '{attempt.Channel.DisplayName}' broke off the stream: {ex.Message}";
                    LogBrokenStream(attempt.Channel.DisplayName, attempt.KeyFingerprint, reason, request.RequestId);
                    translator.Fail(timer.TimedOut ? AnthropicErrorType.Timeout : AnthropicErrorType.Api, reason);
                    break;
                }

                if (read == 0)
                {
                    parser.Complete();
                    translator.Complete();
                    break;
                }

                timer.DataReceived();
                parser.Feed(buffer.AsSpan(0, read), translator);
                await FlushAsync(output, response, context.RequestAborted);
            }

            await FlushAsync(output, response, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; disposing the upstream response cancels the call.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            LogNotes(attempt, request, responseContext);
        }
    }

    private static async Task FlushAsync(ArrayBufferWriter<byte> output, HttpResponse response, CancellationToken cancellationToken)
    {
        if (output.WrittenCount == 0)
        {
            return;
        }

        await response.Body.WriteAsync(output.WrittenMemory, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        output.ResetWrittenCount();
    }

    private void LogNotes(UpstreamAttempt attempt, ProxyRequest request, ChatResponseContext responseContext)
    {
        foreach (var note in responseContext.Notes)
        {
            LogTranslationNote(attempt.Channel.DisplayName, note, request.RequestId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Channel}: {Note} [{RequestId}]")]
    private partial void LogTranslationNote(string channel, string note, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} key {Key}: {Reason} [{RequestId}]")]
    private partial void LogBrokenStream(string channel, string key, string reason, string requestId);
}
