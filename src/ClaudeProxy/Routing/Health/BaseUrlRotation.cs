using System.Collections.Concurrent;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Policies;

namespace ClaudeProxy.Routing.Health;

/// <summary>
/// The order a channel's base URLs are tried in: as configured, except that a URL which failed on its own
/// account (unreachable, too slow, a server error) goes behind the others for <see cref="Cooldown"/>, so the
/// next requests start on another one. Several failed URLs follow in the order they failed, oldest first.
/// Kept by channel id and URL, so a new config snapshot keeps what the last one learned.
/// </summary>
public sealed partial class BaseUrlRotation(TimeProvider timeProvider, ILogger<BaseUrlRotation> logger)
{
    /// <summary>How long a failed URL stays behind the others (claude-proxy's value).</summary>
    public static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(30);

    private static readonly int[] OnlyOne = [0];

    private readonly ConcurrentDictionary<(string ChannelId, string Url), DateTimeOffset> _failedAt = new();

    /// <summary>The channel's endpoints to try, as indexes into <see cref="RoutedChannel.Endpoints"/>.</summary>
    public IReadOnlyList<int> Order(RoutedChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var count = channel.Endpoints.Count;
        if (count == 1)
        {
            return OnlyOne;
        }

        var now = timeProvider.GetUtcNow();
        var order = new List<int>(count);
        List<(int Index, DateTimeOffset At)>? failed = null;
        for (var i = 0; i < count; i++)
        {
            if (FailedAt(channel, i, now) is { } at)
            {
                (failed ??= []).Add((i, at));
            }
            else
            {
                order.Add(i);
            }
        }

        if (failed is not null)
        {
            // A stable sort: URLs that failed at the same instant keep their configured order.
            order.AddRange(failed.OrderBy(f => f.At).Select(f => f.Index));
        }

        return order;
    }

    /// <summary>The endpoint failed on its own account: it goes behind the channel's other URLs, or stays there longer.</summary>
    public void RecordFailure(RoutedChannel channel, int urlIndex, FailureKind kind)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.Endpoints.Count < 2)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var wasBehind = FailedAt(channel, urlIndex, now) is not null;
        _failedAt[Key(channel, urlIndex)] = now;
        if (!wasBehind)
        {
            LogMovedBehind(Describe(channel.Endpoints[urlIndex].BaseUrl), channel.DisplayName, kind, Cooldown.TotalSeconds);
        }
    }

    /// <summary>When the endpoint last failed, if that is within the cool-down; a failure older than that is forgotten.</summary>
    private DateTimeOffset? FailedAt(RoutedChannel channel, int urlIndex, DateTimeOffset now)
    {
        var key = Key(channel, urlIndex);
        if (!_failedAt.TryGetValue(key, out var at))
        {
            return null;
        }

        if (now - at < Cooldown)
        {
            return at;
        }

        // Only this very failure: one recorded meanwhile stays.
        _failedAt.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>(key, at));
        return null;
    }

    private static (string, string) Key(RoutedChannel channel, int urlIndex) => (channel.Id, (channel.Endpoints[urlIndex].BaseUrl ?? "").TrimEnd('/'));

    /// <summary>The URL without credentials or query a log has no business with.</summary>
    private static string Describe(string? url) =>
        Uri.TryCreate(url?.TrimEnd('#'), UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(unparsable URL)";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Base URL {Url} of channel {Channel} failed ({Kind}): requests start on the channel's other URLs for the next {Seconds} s")]
    private partial void LogMovedBehind(string url, string channel, FailureKind kind, double seconds);
}
