namespace ClaudeProxy.Configuration;

/// <summary>
/// Reloads the config when its file changes on disk. Editors save in bursts (truncate, write,
/// rename), so events are settled for a moment before the file is read once.
/// </summary>
public sealed partial class ConfigFileWatcher : IDisposable
{
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(150);

    private readonly ConfigStore _store;
    private readonly ILogger<ConfigFileWatcher> _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _settleTimer;

    public ConfigFileWatcher(ConfigStore store, TimeProvider timeProvider, ILogger<ConfigFileWatcher> logger)
    {
        _store = store;
        _logger = logger;
        _settleTimer = timeProvider.CreateTimer(_ => ReloadNow(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(store.Directory, Path.GetFileName(store.FilePath))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Renamed += (_, _) => Schedule();
        _watcher.Error += (_, e) =>
        {
            LogWatchError(e.GetException().Message);
            Schedule();
        };
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _settleTimer.Dispose();
    }

    private void Schedule() => _settleTimer.Change(SettleDelay, Timeout.InfiniteTimeSpan);

    private void ReloadNow()
    {
        try
        {
            _store.Reload();
        }
        catch (Exception ex)
        {
            LogWatchError(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Config file watcher: {Message}")]
    private partial void LogWatchError(string message);
}
