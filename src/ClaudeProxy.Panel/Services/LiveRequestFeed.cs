using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components.WebAssembly.Http;

namespace ClaudeProxy.Panel.Services;

public enum LiveFeedState
{
    Connecting,
    Live,
    Reconnecting,

    /// <summary>The session ended (401): the feed stopped; the page's other calls lead to the sign-in page.</summary>
    Stopped,
}

/// <summary>
/// The latest requests, kept current from <c>GET /api/events?types=request</c>. On every (re)connection it
/// also reads the newest log page, so requests finished while it was away are not missing. A stream that
/// ends or fails is reopened after a wait that doubles up to <see cref="LongestWait"/>; disposing stops it.
/// </summary>
public sealed class LiveRequestFeed : IDisposable
{
    public const int Capacity = 20;
    public const string EventsPath = "api/events?types=request";
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly Func<CancellationToken, Task<IReadOnlyList<LogEntryInfo>?>> _latest;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    /// <param name="http">The panel's HttpClient (same origin, panel header).</param>
    /// <param name="latest">Reads the newest log page; null when it could not.</param>
    /// <param name="wait">Waits before a reconnection (a test passes its own clock).</param>
    public LiveRequestFeed(HttpClient http, Func<CancellationToken, Task<IReadOnlyList<LogEntryInfo>?>> latest, Func<TimeSpan, CancellationToken, Task>? wait = null)
    {
        _http = http;
        _latest = latest;
        _wait = wait ?? Task.Delay;
    }

    /// <summary>Newest first, at most <see cref="Capacity"/>.</summary>
    public IReadOnlyList<LogEntryInfo> Items { get; private set; } = [];

    public LiveFeedState State { get; private set; } = LiveFeedState.Connecting;

    /// <summary>Raised after <see cref="Items"/> or <see cref="State"/> changed; the flag says whether a new request arrived.</summary>
    public event Action<bool>? Changed;

    /// <summary>The loop that keeps the feed open; finishes once disposed or signed out.</summary>
    public Task Running => _running ?? Task.CompletedTask;

    public void Start() => _running ??= RunAsync(_stop.Token);

    private async Task RunAsync(CancellationToken stop)
    {
        var wait = FirstWait;
        while (!stop.IsCancellationRequested)
        {
            var outcome = await ListenAsync(stop).ConfigureAwait(true);
            if (outcome == Outcome.Stopped || stop.IsCancellationRequested)
            {
                return;
            }

            if (outcome == Outcome.SignedOut)
            {
                SetState(LiveFeedState.Stopped);
                return;
            }

            if (outcome == Outcome.WasConnected)
            {
                wait = FirstWait;
            }

            SetState(LiveFeedState.Reconnecting);
            try
            {
                await _wait(wait, stop).ConfigureAwait(true);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = wait * 2 > LongestWait ? LongestWait : wait * 2;
        }
    }

    private async Task<Outcome> ListenAsync(CancellationToken stop)
    {
        var connected = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, EventsPath);
            request.SetBrowserRequestCredentials(BrowserRequestCredentials.SameOrigin);
            // Without it the browser hands over the body only when the response ends, which this one never does.
            request.SetBrowserResponseStreamingEnabled(true);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop).ConfigureAwait(true);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return Outcome.SignedOut;
            }

            if (!response.IsSuccessStatusCode)
            {
                return Outcome.Failed;
            }

            // The server subscribed before answering: from here on nothing is missed, and the log page fills the gap before.
            connected = true;
            SetState(LiveFeedState.Live);
            if (await _latest(stop).ConfigureAwait(true) is { } latest)
            {
                Merge(latest, announce: false);
            }

            var body = await response.Content.ReadAsStreamAsync(stop).ConfigureAwait(true);
            await using (body.ConfigureAwait(true))
            {
                await foreach (var item in ServerSentEvents.ReadAsync(body, stop).ConfigureAwait(true))
                {
                    if (item.Name == "request" && Parse(item.Data) is { } finished)
                    {
                        Merge([finished], announce: true);
                    }
                }
            }

            return Outcome.WasConnected;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Outcome.Stopped;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            return connected ? Outcome.WasConnected : Outcome.Failed;
        }
    }

    private static LogEntryInfo? Parse(string data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, PanelJsonContext.Default.LogEntryInfo);
        }
        catch (JsonException)
        {
            return null; // one unreadable event does not end the feed
        }
    }

    private void Merge(IReadOnlyList<LogEntryInfo> incoming, bool announce)
    {
        var fresh = incoming.Where(item => Items.All(known => known.Id != item.Id)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        Items = [.. Items.Concat(fresh).OrderByDescending(item => item.Id).Take(Capacity)];
        Changed?.Invoke(announce);
    }

    private void SetState(LiveFeedState state)
    {
        if (State != state)
        {
            State = state;
            Changed?.Invoke(false);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        // The loop may still be unwinding with the token; the source goes once it has.
        Running.ContinueWith(_ => _stop.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private enum Outcome
    {
        Failed,
        WasConnected,
        SignedOut,
        Stopped,
    }
}
