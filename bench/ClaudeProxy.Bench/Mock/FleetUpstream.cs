using System.Collections.Concurrent;
using System.Net.Mime;
using System.Text.Json;

namespace ClaudeProxy.Bench.Mock;

/// <summary>
/// The mock's fleet mode, under <c>/fleet/</c>: an Anthropic Messages upstream that counts, per API key,
/// the requests it served and the most it served at once, so the bench can see which key several
/// gateways used and whether a key's <c>maxConcurrency</c> held across them. A key containing
/// <see cref="RefusedMarker"/> is refused with 429 (a spent key); under <c>/fleet/slow/</c> every answer
/// waits <see cref="SlowDelay"/> first, so requests overlap. <c>GET /fleet/stats</c> returns the counts,
/// <c>POST /fleet/reset</c> clears them.
/// </summary>
internal sealed class FleetUpstream(MockPayloads payloads)
{
    public const string Prefix = "/fleet";
    public const string SlowPrefix = Prefix + "/slow";
    public const string StatsPath = Prefix + "/stats";
    public const string ResetPath = Prefix + "/reset";
    public const string RefusedMarker = "refuse-429";

    public static readonly TimeSpan SlowDelay = TimeSpan.FromMilliseconds(50);

    private static readonly JsonSerializerOptions StatsJson = new(JsonSerializerDefaults.Web);
    private static readonly byte[] RateLimited =
        """{"type":"error","error":{"type":"rate_limit_error","message":"This key is rate limited (bench mock)."}}"""u8.ToArray();

    private readonly ConcurrentDictionary<string, KeyLoad> _keys = new(StringComparer.Ordinal);

    public static bool Handles(string path) => path.StartsWith(Prefix + "/", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var ct = context.RequestAborted;
        if (path == StatsPath)
        {
            context.Response.ContentType = MediaTypeNames.Application.Json;
            await context.Response.WriteAsync(JsonSerializer.Serialize(Snapshot(), StatsJson), ct);
            return;
        }

        if (path == ResetPath)
        {
            _keys.Clear();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var key = ApiKey(context.Request);
        var load = _keys.GetOrAdd(key, static k => new KeyLoad(k));
        load.Enter();
        try
        {
            // The body is read whole, as an upstream would, before answering.
            await StreamFlagScanner.ReadAsync(context.Request.BodyReader, ct);
            if (path.StartsWith(SlowPrefix + "/", StringComparison.Ordinal))
            {
                await Task.Delay(SlowDelay, ct);
            }

            var refused = key.Contains(RefusedMarker, StringComparison.Ordinal);
            var body = refused ? RateLimited : payloads.AnthropicMessage;
            context.Response.StatusCode = refused ? StatusCodes.Status429TooManyRequests : StatusCodes.Status200OK;
            context.Response.ContentType = MediaTypeNames.Application.Json;
            context.Response.ContentLength = body.Length;
            await context.Response.BodyWriter.WriteAsync(body, ct);
        }
        finally
        {
            // Left once the answer is written: the gateway still holds its slot for the key until it has read it.
            load.Leave();
        }
    }

    private static string ApiKey(HttpRequest request)
    {
        var key = request.Headers["x-api-key"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        return key.Length == 0 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : key;
    }

    private List<KeyLoadTally> Snapshot() =>
        [.. _keys.Values.Select(k => k.Tally()).OrderBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>One key's counts; the maximum is kept with a compare-and-swap, so no lock on the request path.</summary>
    private sealed class KeyLoad(string key)
    {
        private long _requests;
        private int _inFlight;
        private int _maxInFlight;

        public void Enter()
        {
            Interlocked.Increment(ref _requests);
            var now = Interlocked.Increment(ref _inFlight);
            for (var seen = Volatile.Read(ref _maxInFlight); now > seen; seen = Volatile.Read(ref _maxInFlight))
            {
                if (Interlocked.CompareExchange(ref _maxInFlight, now, seen) == seen)
                {
                    break;
                }
            }
        }

        public void Leave() => Interlocked.Decrement(ref _inFlight);

        public KeyLoadTally Tally() => new(key, Interlocked.Read(ref _requests), Volatile.Read(ref _maxInFlight));
    }
}

/// <summary>What one key served at the fleet mock: requests, and the most served at the same time.</summary>
internal sealed record KeyLoadTally(string Key, long Requests, int MaxInFlight);
