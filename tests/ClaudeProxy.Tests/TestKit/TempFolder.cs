namespace ClaudeProxy.Tests.TestKit;

/// <summary>A fresh folder under the system temp folder, removed on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "claude-proxy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A folder a gateway can start in, its <c>.config/config.json</c> holding <paramref name="config"/>.</summary>
    public static TempFolder WithConfig(string config)
    {
        var folder = new TempFolder();
        Directory.CreateDirectory(System.IO.Path.Combine(folder.Path, ".config"));
        File.WriteAllText(System.IO.Path.Combine(folder.Path, ".config", "config.json"), config);
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping server; the OS temp cleaner will get it.
        }
    }
}
