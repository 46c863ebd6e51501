namespace ClaudeProxy.Hosting;

/// <summary>Start-up warnings (weak keys, ignored placeholders) go to the log as well as the banner, so a log collector sees them.</summary>
public static partial class StartupWarnings
{
    public static void Log(ILoggerFactory loggers, IEnumerable<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(warnings);
        var logger = loggers.CreateLogger("ClaudeProxy.Startup");
        foreach (var warning in warnings)
        {
            LogWarning(logger, warning);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
