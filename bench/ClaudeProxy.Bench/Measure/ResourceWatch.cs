using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Measure;

/// <summary>Watches a server process during a load run: CPU seconds used (from /proc stat) and the highest RSS sampled every 50 ms.</summary>
internal sealed class ResourceWatch
{
    private readonly IReadOnlyList<int> _pids;
    private readonly double _cpuAtStart;
    private volatile bool _stopped;
    private readonly Task _sampler;
    private long _peakRss;

    private ResourceWatch(IReadOnlyList<int> pids)
    {
        _pids = pids;
        _cpuAtStart = ProcStats.CpuSeconds(pids);
        _peakRss = ProcStats.RssBytes(pids);
        _sampler = SampleAsync();
    }

    /// <summary>Watches these processes (the server, plus its children for a peer that forks).</summary>
    public static ResourceWatch Start(IReadOnlyList<int> pids) => new(pids);

    public async Task<(double CpuSeconds, long PeakRssBytes)> StopAsync()
    {
        _stopped = true;
        await _sampler;
        return (ProcStats.CpuSeconds(_pids) - _cpuAtStart, Math.Max(_peakRss, ProcStats.RssBytes(_pids)));
    }

    private async Task SampleAsync()
    {
        while (!_stopped)
        {
            await Task.Delay(50);
            _peakRss = Math.Max(_peakRss, ProcStats.RssBytes(_pids));
        }
    }
}
