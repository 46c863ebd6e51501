namespace ClaudeProxy.Configuration;

/// <summary>
/// Reloads the config when its file changes on disk. Editors save in bursts (truncate, write,
/// rename), so events are settled for a moment before the file is read once. A symlinked config is
/// watched at the link and at its target, since an editor that follows the link changes only the target's folder.
/// </summary>
public sealed partial class ConfigFileWatcher : IDisposable
{
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(150);

    private readonly ConfigStore _store;
    private readonly ILogger<ConfigFileWatcher> _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _settleTimer;

    public ConfigFileWatcher(ConfigStore store, TimeProvider timeProvider, ILogger<ConfigFileWatcher> logger)
    {
        _store = store;
        _logger = logger;
        _settleTimer = timeProvider.CreateTimer(_ => ReloadNow(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Watch(store.FilePath);
        var target = ConfigFileWriter.RealPath(store.FilePath);
        if (target != store.FilePath)
        {
            Watch(target);
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _settleTimer.Dispose();
    }

    private void Watch(string path)
    {
        var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => Schedule();
        watcher.Created += (_, _) => Schedule();
        watcher.Renamed += (_, _) => Schedule();
        watcher.Error += (_, e) =>
        {
            LogWatchError(e.GetException().Message);
            Schedule();
        };
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
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
