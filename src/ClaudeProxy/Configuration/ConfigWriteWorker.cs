using System.Threading.Channels;

namespace ClaudeProxy.Configuration;

/// <summary>
/// Runs the server's config writes (admin edits, key demotion) one at a time on a background worker,
/// so waiting for the cross-process file lock never holds a request thread: a caller only awaits.
/// Stopping the host flushes it — it stops after the web server, so every write queued by a request
/// lands on disk before the process exits.
/// </summary>
public sealed class ConfigWriteWorker : IHostedService
{
    private readonly ConfigStore _store;
    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _worker;

    public ConfigWriteWorker(ConfigStore store)
    {
        _store = store;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="change"/> for <see cref="ConfigStore.Update"/>; completes with the new config, or its exception.</summary>
    public Task<ProxyConfig> UpdateAsync(Func<ProxyConfig, ProxyConfig> change, ConfigWriteKind kind = ConfigWriteKind.Manual)
    {
        ArgumentNullException.ThrowIfNull(change);
        var write = new PendingWrite(change, kind);
        if (!_pending.Writer.TryWrite(write))
        {
            // Flushed and closed: the host is gone, so no request is waiting on this thread.
            write.Run(_store);
        }

        return write.Done.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes what is queued, then closes; the host's shutdown timeout bounds the wait.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        return _worker.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        await foreach (var write in _pending.Reader.ReadAllAsync())
        {
            write.Run(_store);
        }
    }

    private sealed record PendingWrite(Func<ProxyConfig, ProxyConfig> Change, ConfigWriteKind Kind)
    {
        public TaskCompletionSource<ProxyConfig> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(ConfigStore store)
        {
            try
            {
                Done.SetResult(store.Update(Change, Kind));
            }
            catch (Exception ex)
            {
                Done.SetException(ex);
            }
        }
    }
}
