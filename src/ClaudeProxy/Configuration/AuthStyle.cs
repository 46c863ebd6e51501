namespace ClaudeProxy.Configuration;

/// <summary>How a <c>claude</c> channel presents its key upstream.</summary>
public static class AuthStyle
{
    /// <summary><c>sk-ant-api…</c> keys as <c>x-api-key</c>; OAuth tokens and anything else as Bearer.</summary>
    public const string Auto = "auto";
    public const string ApiKeyHeader = "x-api-key";
    public const string Bearer = "bearer";

    public static readonly IReadOnlyList<string> All = [Auto, ApiKeyHeader, Bearer];
}
