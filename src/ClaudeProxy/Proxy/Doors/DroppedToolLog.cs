using System.Collections.Concurrent;

namespace ClaudeProxy.Proxy.Doors;

/// <summary>
/// Names the tools a door left out of a request because no channel can serve them (hosted search, code
/// execution, …): once per door and kind at Information, since clients offer the same ones on every
/// request, and at Debug after that.
/// </summary>
internal static partial class DroppedToolLog
{
    private static readonly ConcurrentDictionary<(string Door, string Kind), bool> Reported = new();

    public static void Report(IServiceProvider services, string door, IReadOnlyList<string> dropped)
    {
        if (dropped.Count == 0)
        {
            return;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DroppedToolLog));
        foreach (var kind in dropped)
        {
            if (Reported.TryAdd((door, kind), true))
            {
                LogFirst(logger, door, kind);
            }
            else
            {
                LogAgain(logger, door, kind);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Door} request offered a {ToolKind} tool, which only a channel of the door's own protocol can serve: it is left out of translated requests (later ones are logged at debug)")]
    private static partial void LogFirst(ILogger logger, string door, string toolKind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A {Door} request offered a {ToolKind} tool, left out of translated requests")]
    private static partial void LogAgain(ILogger logger, string door, string toolKind);
}
