using Xunit;
namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// Waits for something another process does on its own schedule (a message over Redis, a beat) by asking again
/// until it holds or the limit passes. Only for other processes: in-process time is driven by a fake clock.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(15);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Still not true after {(limit ?? DefaultLimit).TotalSeconds:0} s: {what}");
            }

            await Task.Delay(25, cancellationToken);
        }
    }
}
