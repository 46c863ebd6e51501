namespace ClaudeProxy.Configuration;

/// <summary>
/// An exclusive lock beside the config file (<c>config.json.lock</c>), held while an edit reads,
/// changes and writes the file, so the server and the CLI — separate processes — never interleave
/// their edits and lose one.
/// </summary>
public sealed class ConfigFileLock : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(20);

    private readonly FileStream _handle;

    private ConfigFileLock(FileStream handle)
    {
        _handle = handle;
    }

    public static ConfigFileLock Acquire(string configPath)
    {
        var path = configPath + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock that other processes respect.
                return new ConfigFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited < WaitLimit)
            {
                Thread.Sleep(RetryPause);
                waited += RetryPause;
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
