namespace ClaudeProxy.Configuration;

/// <summary>
/// A channel's <c>status</c>, as claude-proxy's later versions wrote it: only <c>active</c> channels
/// are routed to; <c>suspended</c> ones are paused and <c>disabled</c> ones wait in the backup pool.
/// </summary>
public static class ChannelStatus
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Disabled = "disabled";

    public static readonly IReadOnlyList<string> All = [Active, Suspended, Disabled];
}
