using System.Diagnostics;

namespace ClaudeProxy.Bench.Processes;

/// <summary>Polls a URL until it answers 2xx: how start-up time is measured (process created → first good answer).</summary>
internal static class ReadinessProbe
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionLifetime = TimeSpan.Zero,
    })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Returns the time from the process's creation to its first 2xx answer.</summary>
    public static async Task<TimeSpan> WaitAsync(ChildProcess process, Uri url, TimeSpan timeout, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var response = await Client.GetAsync(url, ct);
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(process.StartedTimestamp);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // A connect that hung: try again.
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited during start-up. Log {process.LogPath}:{Environment.NewLine}{process.LogTail()}");
            }

            if (Stopwatch.GetElapsedTime(process.StartedTimestamp) > timeout)
            {
                throw new TimeoutException($"{process.Name} did not answer {url} within {timeout.TotalSeconds:0} s. Log {process.LogPath}:{Environment.NewLine}{process.LogTail()}");
            }

            await Task.Delay(1, ct);
        }
    }
}
