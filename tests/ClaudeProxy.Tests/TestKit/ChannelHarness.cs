using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// A fake upstream and an in-process gateway whose config holds one channel pointing at it: the set-up
/// of most channel tests. Disposing it stops the gateway, then the upstream.
/// </summary>
public sealed class ChannelHarness : IAsyncDisposable
{
    private ChannelHarness(FakeUpstream upstream, TestGateway gateway)
    {
        Upstream = upstream;
        Gateway = gateway;
    }

    public FakeUpstream Upstream { get; }

    public TestGateway Gateway { get; }

    /// <summary>Starts the upstream, builds the channel from its base URL, and starts a gateway with it.</summary>
    public static async Task<ChannelHarness> StartAsync(Func<Uri, JsonObject> channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var upstream = await FakeUpstream.StartAsync(cancellationToken);
        try
        {
            return new ChannelHarness(upstream, await TestGateway.StartAsync(TestConfigs.Config(channel(upstream.BaseUrl))));
        }
        catch
        {
            await upstream.DisposeAsync();
            throw;
        }
    }

    public void Deconstruct(out FakeUpstream upstream, out TestGateway gateway)
    {
        upstream = Upstream;
        gateway = Gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
