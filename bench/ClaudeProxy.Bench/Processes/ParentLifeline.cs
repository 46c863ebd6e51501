namespace ClaudeProxy.Bench.Processes;

/// <summary>
/// Completes when the parent bench goes away (its end of our standard input closes), so no child
/// outlives a killed bench; or when the host stops or the command is cancelled (SIGTERM, Ctrl+C).
/// </summary>
internal static class ParentLifeline
{
    public static Task WaitAsync(CancellationToken stopping, CancellationToken cancelled)
    {
        // A read from a pipe ignores cancellation, so the tokens are awaited beside it, not passed to it.
        var parentGone = Task.Run(async () =>
        {
            await using var input = Console.OpenStandardInput();
            var buffer = new byte[64];
            while (await input.ReadAsync(buffer) > 0)
            {
            }
        }, CancellationToken.None);
        return Task.WhenAny(parentGone, Task.Delay(Timeout.Infinite, stopping), Task.Delay(Timeout.Infinite, cancelled));
    }
}
