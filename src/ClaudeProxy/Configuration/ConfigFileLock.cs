namespace ClaudeProxy.Configuration;

/// <summary>
/// An exclusive lock beside the config file (<c>config.json.lock</c>), held while an edit reads,
/// changes and writes the file, so the server and the CLI — separate processes — never interleave
/// their edits and lose one.
/// </summary>
public sealed class ConfigFileLock : IDisposable
{
    /// <summary>How long an edit waits for another process's edit before it gives up with an <see cref="IOException"/>.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(20);

    private readonly FileStream _handle;

    private ConfigFileLock(FileStream handle)
    {
        _handle = handle;
    }

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> (default <see cref="DefaultWait"/>); the wait blocks the calling thread.</summary>
    public static ConfigFileLock Acquire(string configPath, TimeSpan? wait = null)
    {
        var waitLimit = wait ?? DefaultWait;
        var path = configPath + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var waited = TimeSpan.Zero;
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock that other processes respect.
                return new ConfigFileLock(new FileStream(path, options));
            }
            catch (IOException) when (waited < waitLimit)
            {
                Thread.Sleep(RetryPause);
                waited += RetryPause;
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
