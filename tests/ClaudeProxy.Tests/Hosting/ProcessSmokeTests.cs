using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Hosting;

/// <summary>
/// The shipped executable, started as a user would: empty folder, environment variables, banner.
/// In CI this runs the Native AOT binary.
/// </summary>
public sealed class ProcessSmokeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Binary_starts_with_an_empty_config_and_serves_health_and_a_passthrough_stream()
    {
        using var folder = new TempFolder();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(AnthropicFakes.TextStream("claude-sonnet-4-5", "native ", "stream")));
        await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string> { ["HOST"] = "127.0.0.1", ["PORT"] = "0" });

        var baseUrl = await gateway.WaitUntilListeningAsync(Token);
        var key = (await File.ReadAllTextAsync(Path.Combine(folder.Path, ".config", "access-key"), Token)).Trim();
        // Standard output is a pipe here, not a terminal: the banner names the key's file instead of printing the key.
        Assert.DoesNotContain(key, gateway.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(".config", "access-key"), gateway.Output, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = baseUrl };

        using (var health = await client.GetAsync("/health", Token))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(0, (int?)JsonNode.Parse(await health.Content.ReadAsStringAsync(Token))!["config"]!["upstreamCount"]);
        }

        using (var probe = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), Token))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        // Add a channel the way a user does: edit the file the gateway created; it reloads by itself.
        await File.WriteAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"),
            TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-native")), Token);
        await WaitForChannelCountAsync(client, 1);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages?beta=true")
        {
            Content = TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        request.Headers.Add("x-api-key", key);
        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        var events = await reader.ReadToEndAsync(Token);
        Assert.Equal("message_start", events[0].Event);
        Assert.Equal("message_stop", events[^1].Event);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("sk-ant-api03-native", seen.Headers["x-api-key"]);
        Assert.Equal("?beta=true", seen.QueryString);
        Assert.DoesNotContain(key, string.Join("\n", seen.Headers.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_with_LOG_FORMAT_json_writes_each_log_line_as_a_json_object()
    {
        using var folder = new TempFolder();
        await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string> { ["HOST"] = "127.0.0.1", ["PORT"] = "0", ["LOG_FORMAT"] = "json" });
        var baseUrl = await gateway.WaitUntilListeningAsync(Token);
        using var client = new HttpClient { BaseAddress = baseUrl };
        using (var probe = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), Token))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        await gateway.SignalAsync("TERM", Token);
        Assert.Equal(0, await gateway.WaitForExitAsync(Token));

        var logLines = gateway.Output.Split('\n').Where(line => line.StartsWith('{')).ToList();
        Assert.NotEmpty(logLines);
        var messages = logLines.Select(line => JsonNode.Parse(line)!).ToList();
        Assert.All(messages, message => Assert.NotNull(message["LogLevel"]));
        Assert.Contains(messages, message => ((string?)message["Message"])?.StartsWith("HEAD / 200", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Binary_refuses_a_broken_config_file_naming_the_file_and_line()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, ".config"));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"), "{\n  \"upstream\": [\n    {,}\n  ]\n}", Token);
        await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string> { ["HOST"] = "127.0.0.1", ["PORT"] = "0" });

        var exitCode = await gateway.WaitForExitAsync(Token);

        Assert.Equal(1, exitCode);
        Assert.Contains("config.json:3:", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_on_a_port_already_taken_says_so_in_one_line_and_exits_5()
    {
        using var folder = new TempFolder();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string> { ["HOST"] = "127.0.0.1", ["PORT"] = port });

        var exitCode = await gateway.WaitForExitAsync(Token);

        Assert.Equal(5, exitCode);
        Assert.Contains($"Cannot listen on 127.0.0.1:{port}: the address is already in use", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at System.", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_asked_to_listen_on_an_address_this_host_lacks_says_so_in_one_line_and_exits_5()
    {
        using var folder = new TempFolder();
        // 192.0.2.0/24 is reserved for documentation (RFC 5737), so no test machine owns it.
        await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string> { ["HOST"] = "192.0.2.1", ["PORT"] = "47999" });

        var exitCode = await gateway.WaitForExitAsync(Token);

        Assert.Equal(5, exitCode);
        Assert.Contains("Cannot listen on 192.0.2.1:47999: ", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at System.", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_refuses_malformed_settings_naming_the_variable()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, ".env"), "LOG_LEVEL=chatty\n", Token);
        await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string> { ["PORT"] = "not-a-port" });

        var exitCode = await gateway.WaitForExitAsync(Token);

        Assert.Equal(2, exitCode);
        Assert.Contains("PORT='not-a-port'", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("LOG_LEVEL='chatty'", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_on_SIGTERM_ends_an_open_stream_with_the_shutdown_error_event_and_exits_0()
    {
        using var folder = new TempFolder();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript().Event(AnthropicFakes.MessageStartEvent("claude-sonnet-4-5"))
            .Event(AnthropicFakes.TextBlockStartEvent(0)).Hang()));
        Directory.CreateDirectory(Path.Combine(folder.Path, ".config"));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"),
            TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-native")), Token);
        // A drain period of zero ends open streams as soon as the signal arrives, so the test waits on nothing.
        await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string>
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = "0",
            ["PROXY_ACCESS_KEY"] = TestGateway.DefaultAccessKey,
            ["SHUTDOWN_TIMEOUT"] = "0",
        });
        using var client = new HttpClient { BaseAddress = await gateway.WaitUntilListeningAsync(Token) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        request.Headers.Add("x-api-key", TestGateway.DefaultAccessKey);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.Equal("content_block_start", (await reader.NextAsync(Token))!.Event);

        await gateway.SignalAsync("TERM", Token);

        var last = Assert.Single(await reader.ReadToEndAsync(Token));
        Assert.Equal("error", last.Event);
        Assert.Equal("overloaded_error", (string?)JsonNode.Parse(last.Data)!["error"]!["type"]);
        Assert.Equal("gateway shutting down", (string?)JsonNode.Parse(last.Data)!["error"]!["message"]);
        Assert.Equal(0, await gateway.WaitForExitAsync(Token));
    }

    [Fact]
    public async Task Binary_exits_0_on_SIGINT_as_after_Ctrl_C()
    {
        using var folder = new TempFolder();
        await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string> { ["HOST"] = "127.0.0.1", ["PORT"] = "0" });
        await gateway.WaitUntilListeningAsync(Token);

        await gateway.SignalAsync("INT", Token);

        Assert.Equal(0, await gateway.WaitForExitAsync(Token));
        Assert.Contains("Shutting down", gateway.Output, StringComparison.Ordinal);
    }

    private static async Task WaitForChannelCountAsync(HttpClient client, int expected)
    {
        // The process is outside the test's reach, so its reload is observed through /health.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var health = await client.GetAsync("/health", Token);
            var count = (int?)JsonNode.Parse(await health.Content.ReadAsStringAsync(Token))!["config"]!["upstreamCount"];
            if (count == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the gateway still reports {count} channel(s)");
            await Task.Yield();
        }
    }
}
