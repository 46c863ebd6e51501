namespace ClaudeProxy.Configuration;

public static class ChannelStatus
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    public static readonly IReadOnlyList<string> All = [Active, Disabled];
}
