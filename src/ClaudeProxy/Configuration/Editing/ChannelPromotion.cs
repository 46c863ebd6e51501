namespace ClaudeProxy.Configuration.Editing;

/// <summary>How long a promotion lasts when none is given (claude-proxy's panel used five minutes), and at most.</summary>
public static class ChannelPromotion
{
    public const int DefaultSeconds = 300;

    public const int MaxSeconds = 7 * 24 * 3600;
}
