namespace ClaudeProxy.Observability.Usage;

/// <summary>Filters of a request log page; null filters match everything.</summary>
public sealed record LogQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The cursor: only entries with a smaller id (older) than this.</summary>
    public long? Before { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>A channel's name or id.</summary>
    public string? Channel { get; init; }

    public string? Model { get; init; }

    public int? Status { get; init; }

    public string? ErrorType { get; init; }

    /// <summary>The key as stored, i.e. masked.</summary>
    public string? Key { get; init; }

    /// <summary>The gateway instance that served the request (<c>INSTANCE_ID</c>).</summary>
    public string? Instance { get; init; }
}
