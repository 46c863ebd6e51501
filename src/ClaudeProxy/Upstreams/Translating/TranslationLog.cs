
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// The log lines every translating channel writes, under its adapter's category: the translators'
/// notes (what was dropped, clamped or filled in), and why a stream broke off.
/// </summary>
public sealed partial class TranslationLog(ILogger logger)
{
    public void Notes(UpstreamAttempt attempt, IEnumerable<string> notes, string requestId)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(notes);
        foreach (var note in notes)
        {
            LogTranslationNote(attempt.Channel.DisplayName, note, requestId);
        }
    }

    public void BrokenStream(UpstreamAttempt attempt, string reason, string requestId)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        LogBrokenStream(attempt.Channel.DisplayName, attempt.KeyFingerprint, reason, requestId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Channel}: {Note} [{RequestId}]")]
    private partial void LogTranslationNote(string channel, string note, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} key {Key}: {Reason} [{RequestId}]")]
    private partial void LogBrokenStream(string channel, string key, string reason, string requestId);
}
