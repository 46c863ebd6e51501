using ClaudeProxy.Configuration.FileFormat;

namespace ClaudeProxy.Configuration;

/// <summary>
/// The one owner of the live config. Readers take <see cref="Current"/>, an immutable snapshot;
/// every change, from the file or from an edit, is validated, written atomically and then
/// swapped in whole. A broken file never replaces a good config. Every write — an edit, the ids a
/// loaded file lacked, the file created at start-up — holds the cross-process <see cref="ConfigFileLock"/>.
/// </summary>
public sealed partial class ConfigStore
{
    private readonly ConfigFileWriter _writer;
    private readonly ILogger<ConfigStore> _logger;
    private readonly Lock _gate = new();
    private ProxyConfig _current = ProxyConfig.NewFile;
    private byte[] _lastSeenBytes = [];

    /// <summary>
    /// What <see cref="_lastSeenBytes"/> mean (before ids were added): a write applies its change to those bytes.
    /// Null when they do not parse, and the next write replaces them plainly.
    /// </summary>
    private ProxyConfig? _lastSeenConfig;

    public ConfigStore(string filePath, TimeProvider timeProvider, ILogger<ConfigStore> logger)
    {
        FilePath = Path.GetFullPath(filePath);
        _writer = new ConfigFileWriter(timeProvider);
        _logger = logger;
    }

    public string FilePath { get; }

    public string Directory => Path.GetDirectoryName(FilePath)!;

    public ProxyConfig Current => Volatile.Read(ref _current);

    /// <summary>How long a load, reload or edit waits for another process's lock on the file.</summary>
    public TimeSpan LockWait { get; init; } = ConfigFileLock.DefaultWait;

    /// <summary>Raised after a new config went live (from the file or an edit).</summary>
    public event Action<ProxyConfig>? Changed;

    /// <summary>Raised when a changed file was refused; carries the problems (file, line, what).</summary>
    public event Action<IReadOnlyList<string>>? Rejected;

    /// <summary>
    /// Loads the file at start-up, creating an empty one when there is none; throws <see cref="ConfigFileException"/>
    /// when it is broken, and an <see cref="IOException"/> when another process holds the lock past <see cref="LockWait"/>.
    /// </summary>
    public void LoadOrCreate()
    {
        lock (_gate)
        {
            using var fileLock = ConfigFileLock.Acquire(FilePath, LockWait);
            if (!File.Exists(FilePath))
            {
                _lastSeenBytes = _writer.Write(FilePath, ProxyConfig.NewFile, ConfigWriteKind.Automatic);
                _lastSeenConfig = ProxyConfig.NewFile;
                Volatile.Write(ref _current, ProxyConfig.NewFile);
                LogCreated(FilePath);
                return;
            }

            WarnWhenOthersCanRead();
            var bytes = ReadFile();
            ApplyFromFile(bytes, ConfigParser.Parse(bytes, FilePath));
        }
    }

    /// <summary>Re-reads the file; a broken file is logged and rejected while the live config stays.</summary>
    public ConfigReloadOutcome Reload()
    {
        ConfigReloadOutcome outcome;
        IReadOnlyList<string> problems = [];
        lock (_gate)
        {
            outcome = ReloadLocked(ref problems);
        }

        switch (outcome)
        {
            case ConfigReloadOutcome.Applied:
                LogReloaded(FilePath, Current.Upstream.Count);
                Changed?.Invoke(Current);
                break;
            case ConfigReloadOutcome.Rejected:
                LogReloadRejected(FilePath, string.Join("; ", problems));
                Rejected?.Invoke(problems);
                break;
        }

        return outcome;
    }

    private ConfigReloadOutcome ReloadLocked(ref IReadOnlyList<string> problems)
    {
        ConfigFileLock fileLock;
        byte[] bytes;
        try
        {
            // Taken before reading: a file that lacks ids is written back, and that write must not interleave with another process's.
            fileLock = ConfigFileLock.Acquire(FilePath, LockWait);
        }
        catch (IOException ex)
        {
            problems = [$"{FilePath}.lock: held by another process ({ex.Message}); the next change of the file reloads it"];
            return ConfigReloadOutcome.Rejected;
        }

        using var heldLock = fileLock;
        try
        {
            bytes = ReadFile();
        }
        catch (IOException ex)
        {
            problems = [$"{FilePath}: {ex.Message}"];
            return ConfigReloadOutcome.Rejected;
        }

        if (bytes.AsSpan().SequenceEqual(_lastSeenBytes))
        {
            return ConfigReloadOutcome.Unchanged;
        }

        // Remember what was seen, so one bad save is reported once, not on every file event.
        _lastSeenBytes = bytes;
        _lastSeenConfig = null;
        ProxyConfig parsed;
        try
        {
            parsed = ConfigParser.Parse(bytes, FilePath);
        }
        catch (ConfigFileException ex)
        {
            problems = ex.Problems;
            return ConfigReloadOutcome.Rejected;
        }

        ApplyFromFile(bytes, parsed);
        return ConfigReloadOutcome.Applied;
    }

    /// <summary>
    /// Applies an edit: validate, write (with a backup in <paramref name="kind"/>'s rotation), swap. Edits are
    /// serialised so none is lost. Waiting for the file lock blocks the calling thread: in the server, call it
    /// through <see cref="ConfigWriteWorker"/>.
    /// </summary>
    public ProxyConfig Update(Func<ProxyConfig, ProxyConfig> change, ConfigWriteKind kind = ConfigWriteKind.Manual)
    {
        ArgumentNullException.ThrowIfNull(change);
        ProxyConfig next;
        lock (_gate)
        {
            using var fileLock = ConfigFileLock.Acquire(FilePath, LockWait);
            CatchUpWithFile();
            next = ConfigNormalizer.AssignMissingIds(change(Current), out _);
            var issues = ConfigValidator.Validate(next);
            if (issues.Count > 0)
            {
                throw new ConfigFileException(string.Join("; ", issues)) { Problems = [.. issues.Select(i => i.ToString())] };
            }

            _lastSeenBytes = _writer.Write(FilePath, next, kind, LastSeen());
            _lastSeenConfig = next;
            Volatile.Write(ref _current, next);
        }

        Changed?.Invoke(next);
        return next;
    }

    /// <summary>The file's bytes as last read or written: what another instance receives when this config is shared.</summary>
    public byte[] FileBytes
    {
        get
        {
            lock (_gate)
            {
                return _lastSeenBytes;
            }
        }
    }

    /// <summary>
    /// Takes a whole config file from elsewhere (another instance's): validated like a file change, written atomically
    /// with an automatic backup, then live. Throws <see cref="ConfigFileException"/> when it does not parse or validate,
    /// and the live config and the file stay as they were.
    /// </summary>
    public ProxyConfig ReplaceFile(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ProxyConfig next;
        lock (_gate)
        {
            using var fileLock = ConfigFileLock.Acquire(FilePath, LockWait);
            var parsed = ConfigParser.Parse(bytes, FilePath);
            next = ConfigNormalizer.AssignMissingIds(parsed, out _);
            var issues = ConfigValidator.Validate(next);
            if (issues.Count > 0)
            {
                throw new ConfigFileException(string.Join("; ", issues)) { Problems = [.. issues.Select(i => i.ToString())] };
            }

            _lastSeenBytes = _writer.Write(FilePath, next, ConfigWriteKind.Automatic, new ConfigFileBase(bytes, parsed));
            _lastSeenConfig = next;
            Volatile.Write(ref _current, next);
        }

        Changed?.Invoke(next);
        return next;
    }

    /// <summary>
    /// Another process (the CLI, an editor) may have written the file since we last read it, and
    /// the watcher may not have caught up yet: start the edit from what is on disk, so it is not lost.
    /// </summary>
    private void CatchUpWithFile()
    {
        if (!File.Exists(FilePath))
        {
            return;
        }

        var bytes = ReadFile();
        if (bytes.AsSpan().SequenceEqual(_lastSeenBytes))
        {
            return;
        }

        try
        {
            ApplyFromFile(bytes, ConfigParser.Parse(bytes, FilePath));
        }
        catch (ConfigFileException)
        {
            // A broken file on disk: the edit goes on from the last good config (the write backs the broken file up).
        }
    }

    /// <summary>
    /// Swaps in a config read from the file; the caller holds the file lock, since missing ids are written back
    /// (into the file's own text, which otherwise stays as it is).
    /// </summary>
    private void ApplyFromFile(byte[] bytes, ProxyConfig parsed)
    {
        var normalized = ConfigNormalizer.AssignMissingIds(parsed, out var idsAdded);
        if (idsAdded)
        {
            _lastSeenBytes = _writer.Write(FilePath, normalized, ConfigWriteKind.Automatic, new ConfigFileBase(bytes, parsed));
            _lastSeenConfig = normalized;
        }
        else
        {
            _lastSeenBytes = bytes;
            _lastSeenConfig = parsed;
        }

        Volatile.Write(ref _current, normalized);
    }

    private ConfigFileBase? LastSeen() => _lastSeenConfig is { } config ? new ConfigFileBase(_lastSeenBytes, config) : null;

    private void WarnWhenOthersCanRead()
    {
        if (ConfigFilePermissions.OthersCanRead(FilePath) is { } mode)
        {
            LogOthersCanRead(FilePath, ConfigFilePermissions.Octal(mode));
        }
    }

    private byte[] ReadFile()
    {
        using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created an empty config file at {Path}; add a channel to start proxying")]
    private partial void LogCreated(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The config file holds API keys but is open to other users (mode {Mode}); fix: chmod 600 {Path}")]
    private partial void LogOthersCanRead(string path, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Config reloaded from {Path}: {ChannelCount} channel(s)")]
    private partial void LogReloaded(string path, int channelCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Config change in {Path} rejected; the last good config stays live: {Problems}")]
    private partial void LogReloadRejected(string path, string problems);
}
