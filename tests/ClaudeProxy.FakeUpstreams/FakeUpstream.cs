using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>
/// A real HTTP server on a loopback port that answers every method and path from a script of
/// <see cref="FakeReply"/> values and records every request it receives.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private static readonly FakeReply NoScriptedReply = FakeReply.Json(500, """{"error":"no scripted reply"}""");

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Queue<FakeReply> _replies = new();
    private readonly List<(int Count, TaskCompletionSource<RecordedRequest> Signal)> _waiters = [];
    private readonly ConcurrentDictionary<HttpContext, byte> _inFlight = new();
    private FakeReply _defaultReply = NoScriptedReply;
    private Uri? _baseUrl;
    private int _disposed;

    private FakeUpstream(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The fake upstream has not started.");

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>How many enqueued replies no request has taken yet.</summary>
    public int PendingReplyCount
    {
        get
        {
            lock (_lock)
            {
                return _replies.Count;
            }
        }
    }

    public static Task<FakeUpstream> StartAsync(CancellationToken ct = default) => StartAsync(certificate: null, ct);

    /// <summary>A fake served over HTTPS with a self-signed certificate no client trusts (for TLS-verification tests).</summary>
    public static Task<FakeUpstream> StartHttpsAsync(CancellationToken ct = default) => StartAsync(SelfSignedCertificate.Create(), ct);

    private static async Task<FakeUpstream> StartAsync(X509Certificate2? certificate, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        // Settings of the hosting process (appsettings.json, ASPNETCORE_* variables) must not move the
        // fake to another port or endpoint, so it reads no configuration at all. The empty in-memory
        // source is where UseUrls below writes its setting.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        builder.WebHost.ConfigureKestrel(options =>
        {
            if (certificate is not null)
            {
                options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
            }

            // A fake must not cut off a slow or paused peer: tests pause clients on purpose.
            options.Limits.MaxRequestBodySize = null;
            options.Limits.MinRequestBodyDataRate = null;
            options.Limits.MinResponseDataRate = null;
            options.AddServerHeader = false;
        });

        var app = builder.Build();
        var fake = new FakeUpstream(app);
        app.Run(fake.HandleAsync);
        try
        {
            await app.StartAsync(ct);
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            fake._baseUrl = new Uri(addresses.Addresses.First());
            return fake;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a reply for the next request that has none; replies are taken in FIFO order.</summary>
    public void Enqueue(FakeReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (_lock)
        {
            _replies.Enqueue(reply);
        }
    }

    public void Enqueue(params FakeReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            Enqueue(reply);
        }
    }

    /// <summary>The reply used when the queue is empty; initially a 500 "no scripted reply".</summary>
    public void SetDefault(FakeReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (_lock)
        {
            _defaultReply = reply;
        }
    }

    /// <summary>Completes with request number <paramref name="oneBasedCount"/> once that many have arrived.</summary>
    public Task<RecordedRequest> WaitForRequestAsync(int oneBasedCount, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oneBasedCount, 1);
        lock (_lock)
        {
            if (_requests.Count >= oneBasedCount)
            {
                return Task.FromResult(_requests[oneBasedCount - 1]);
            }

            var signal = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((oneBasedCount, signal));
            return signal.Task.WaitAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Hanging and gated replies would otherwise hold a graceful stop until its timeout.
        foreach (var context in _inFlight.Keys)
        {
            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // That request finished while we got to it: nothing left to abort.
            }
        }

        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopTimeout.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        _inFlight[context] = 0;
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Disposed when the request ends, so a later reuse of the connection cannot mark it aborted.
        using var abortRegistration = context.RequestAborted.Register(
            static state => ((TaskCompletionSource)state!).TrySetResult(), aborted);
        try
        {
            var (body, complete) = await ReadBodyAsync(context);
            var request = Record(context, body, aborted.Task, out var reply);
            if (complete)
            {
                await ReplyAsync(context, request, reply);
            }
        }
        finally
        {
            _inFlight.TryRemove(context, out _);
        }
    }

    private static async Task<(byte[] Body, bool Complete)> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return (buffer.ToArray(), true);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client left mid-body: keep what arrived so the test can still see the attempt.
            return (buffer.ToArray(), false);
        }
    }

    private RecordedRequest Record(HttpContext context, byte[] body, Task aborted, out FakeReply reply)
    {
        var http = context.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in http.Headers)
        {
            headers[name] = string.Join(", ", (IEnumerable<string?>)values);
        }

        var request = new RecordedRequest(
            http.Method,
            http.Path.Value ?? "",
            http.QueryString.Value ?? "",
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            headers.AsReadOnly(),
            body,
            aborted);

        lock (_lock)
        {
            // Recording and taking the reply under one lock keeps request N paired with reply N.
            _requests.Add(request);
            reply = _replies.Count > 0 ? _replies.Dequeue() : _defaultReply;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var (count, signal) = _waiters[i];
                if (count <= _requests.Count)
                {
                    // Continuations run asynchronously, so completing under the lock runs no test code here.
                    signal.TrySetResult(_requests[count - 1]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        return request;
    }

    private static async Task ReplyAsync(HttpContext context, RecordedRequest request, FakeReply reply)
    {
        try
        {
            await reply.ExecuteAsync(context, request);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or a Reset step dropped it): there is no one left to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // A broken script (e.g. a throwing Dynamic reply) shows up in the test's response, not in a log.
            context.Response.Clear();
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"fake upstream reply failed: {ex}", CancellationToken.None);
        }
    }
}
