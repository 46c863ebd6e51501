namespace ClaudeProxy.Observability.Usage;

/// <summary>
/// A stats window and the bucket width of its series, chosen for 30–60 even points. Buckets sit on
/// multiples of their width (UTC), so a chart does not shift between two refreshes.
/// </summary>
public sealed record StatsWindow(string Name, TimeSpan Length, TimeSpan Bucket)
{
    public static readonly IReadOnlyList<StatsWindow> All =
    [
        new("15m", TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(30)),
        new("1h", TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)),
        new("6h", TimeSpan.FromHours(6), TimeSpan.FromMinutes(10)),
        new("24h", TimeSpan.FromHours(24), TimeSpan.FromMinutes(30)),
        new("7d", TimeSpan.FromDays(7), TimeSpan.FromHours(4)),
        new("30d", TimeSpan.FromDays(30), TimeSpan.FromDays(1)),
    ];

    public static StatsWindow? Parse(string? name) => All.FirstOrDefault(w => w.Name == name);

    public int BucketCount => (int)(Length.Ticks / Bucket.Ticks);

    /// <summary>The end of the bucket holding <paramref name="now"/>; the window is the <see cref="BucketCount"/> buckets before it.</summary>
    public DateTimeOffset End(DateTimeOffset now)
    {
        var bucketMs = (long)Bucket.TotalMilliseconds;
        var nowMs = now.ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds((nowMs / bucketMs + 1) * bucketMs);
    }

    public DateTimeOffset Start(DateTimeOffset now) => End(now) - Length;
}
