using System.Net;
using System.Net.Sockets;
using ClaudeProxy.Cli.Doctor;
using ClaudeProxy.Configuration;
using Xunit;

namespace ClaudeProxy.Tests.Cli;

/// <summary>The channel probe of <c>doctor</c> where the CLI cannot stage it: a name that does not resolve, an upstream that never answers.</summary>
public sealed class DoctorProbeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ProxyConfig OneChannel(string url, string status = ChannelStatus.Active) => new()
    {
        Upstream = [new ChannelConfig { Id = "ch_a", Name = "a", ServiceType = "claude", BaseUrl = url, ApiKeys = ["sk-test-key-0000000000"], Status = status }],
    };

    [Fact]
    public async Task A_host_that_does_not_resolve_fails_saying_so_and_nothing_is_sent()
    {
        var asked = new List<string>();
        var probe = new UrlProbe((host, _) =>
        {
            asked.Add(host);
            return Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        }, TimeSpan.FromSeconds(5));

        var check = Assert.Single(await ChannelChecks.RunAsync(OneChannel("https://upstream.example/v1"), probe, offline: false, Token));

        Assert.Equal(["upstream.example"], asked);
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.StartsWith("https://upstream.example/v1: upstream.example does not resolve (", check.Detail, StringComparison.Ordinal);
        Assert.Equal("check the host name in the URL, or this machine's DNS", check.Fix);
    }

    [Fact]
    public async Task An_upstream_that_takes_the_connection_but_never_answers_fails_after_the_timeout()
    {
        // Listening without accepting: the kernel completes the connection, nobody ever answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/v1";
        var resolved = false;
        var probe = new UrlProbe((_, _) => { resolved = true; return Task.FromResult<IPAddress[]>([]); }, TimeSpan.FromMilliseconds(300));

        var check = Assert.Single(await ChannelChecks.RunAsync(OneChannel(url), probe, offline: false, Token));

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Equal($"{url}: no answer within 0.3 s", check.Detail);
        Assert.False(resolved, "an IP address needs no DNS");
    }

    [Fact]
    public async Task Offline_asks_neither_dns_nor_http()
    {
        var resolved = false;
        var probe = new UrlProbe((_, _) => { resolved = true; return Task.FromResult<IPAddress[]>([]); }, TimeSpan.FromSeconds(5));

        var check = Assert.Single(await ChannelChecks.RunAsync(OneChannel("https://upstream.example/v1"), probe, offline: true, Token));

        Assert.Equal(CheckStatus.Skip, check.Status);
        Assert.False(resolved);
    }

    [Fact]
    public async Task A_suspended_channel_says_so_and_its_failure_is_a_warning()
    {
        var probe = new UrlProbe((_, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)), TimeSpan.FromSeconds(5));

        var check = Assert.Single(await ChannelChecks.RunAsync(OneChannel("https://upstream.example", ChannelStatus.Suspended), probe, offline: false, Token));

        Assert.Equal("channel a (suspended)", check.Name);
        Assert.Equal(CheckStatus.Warn, check.Status);
    }

    [Theory]
    [InlineData("https://user:secret@relay.example.com:8443/v1?key=secret#frag", "https://relay.example.com:8443/v1")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("https://api.anthropic.com/", "https://api.anthropic.com/")]
    public void A_url_is_shown_without_userinfo_query_or_fragment(string url, string shown) =>
        Assert.Equal(shown, UrlProbe.Shown(new Uri(url)));
}
