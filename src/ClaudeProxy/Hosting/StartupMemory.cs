namespace ClaudeProxy.Hosting;

/// <summary>
/// Gives back what building the host allocated. Start-up allocates a few megabytes (configuration,
/// dependency injection, routing tables) that die at once, but the first gen-0 budget is larger than
/// that, so without a collection they would stay committed for as long as the gateway idles.
/// </summary>
public static class StartupMemory
{
    /// <summary>One blocking, compacting collection that also returns the freed memory to the system.</summary>
    public static void Release() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
