using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Tests.TestKit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>One gateway process of a test fleet: its own folder and config file, the fleet's Redis and access key.</summary>
public sealed class FleetGateway : IAsyncDisposable
{
    public const string AccessKey = "fleet-test-access-key-9f2c41d7b8e05a63";

    private readonly TempFolder _folder;
    private int _disposed;

    private FleetGateway(string id, TempFolder folder, GatewayProcess process, Uri baseUrl)
    {
        Id = id;
        _folder = folder;
        Process = process;
        Client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add("x-api-key", AccessKey);
    }

    public string Id { get; }

    public GatewayProcess Process { get; }

    public HttpClient Client { get; }

    public string ConfigPath => Path.Combine(_folder.Path, ".config", "config.json");

    public static Task<FleetGateway> StartAsync(string id, string config, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        StartCoreAsync(id, config, environment, cancellationToken);

    /// <summary>A gateway without INSTANCE_ID: its id is the default one, the host name.</summary>
    public static Task<FleetGateway> StartUnnamedAsync(string config, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        StartCoreAsync(null, config, environment, cancellationToken);

    private static async Task<FleetGateway> StartCoreAsync(string? id, string config, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, ".config"));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"), config, cancellationToken);
        var variables = new Dictionary<string, string>(environment)
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = "0",
            ["PROXY_ACCESS_KEY"] = AccessKey,
        };
        if (id is not null)
        {
            variables["INSTANCE_ID"] = id;
        }

        var process = GatewayProcess.Start(folder.Path, variables);
        try
        {
            var baseUrl = await process.WaitUntilListeningAsync(cancellationToken);
            return new FleetGateway(id ?? InstanceIdentity.DefaultId(), folder, process, baseUrl);
        }
        catch
        {
            await process.DisposeAsync();
            folder.Dispose();
            throw;
        }
    }

    /// <summary>A small Messages request body.</summary>
    public static StringContent MessagesBody(bool stream, string text = "hi") => new(
        $$"""{"model":"claude-sonnet-4-5","max_tokens":32,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{text}}"}]}""",
        Encoding.UTF8, "application/json");

    /// <summary>A small non-streaming Messages request; returns the status, or the status and the answer when it is no 200.</summary>
    public async Task<string> SendMessageAsync(string text, CancellationToken cancellationToken)
    {
        using var content = new StringContent(
            $$"""{"model":"claude-sonnet-4-5","max_tokens":32,"messages":[{"role":"user","content":"{{text}}"}]}""", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("/v1/messages", UriKind.Relative), content, cancellationToken);
        return response.IsSuccessStatusCode ? "200" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
    }

    /// <summary>
    /// A Messages request to an upstream answering as <see cref="FleetAnswers"/> does, streaming or not; "ok" when it is
    /// answered 200 with the whole message (a stream ending with message_stop), else what went wrong.
    /// </summary>
    public async Task<string> AskAsync(bool stream, CancellationToken cancellationToken)
    {
        try
        {
            using var content = MessagesBody(stream);
            using var response = await Client.PostAsync(new Uri("/v1/messages", UriKind.Relative), content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }

            if (stream)
            {
                using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                return StreamInFlight.Verdict(await reader.ReadToEndAsync(cancellationToken));
            }

            var message = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            return StreamInFlight.TextOf(message) == FleetAnswers.Text && (string?)message["stop_reason"] == "end_turn" ? "ok" : $"incomplete message: {message.ToJsonString()}";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"failed: {ex.GetType().Name} {ex.Message}";
        }
    }

    public async Task<JsonNode> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        (await Client.GetFromJsonAsync<JsonNode>(new Uri(path, UriKind.Relative), cancellationToken))!;

    /// <summary>The state of the channel's key at <paramref name="index"/> as <c>/api/health</c> shows it.</summary>
    public async Task<JsonNode> KeyHealthAsync(string channelId, int index, CancellationToken cancellationToken)
    {
        var health = await GetJsonAsync("/api/health", cancellationToken);
        var channel = health["channels"]!.AsArray().Single(c => (string?)c!["id"] == channelId)!;
        return channel["keys"]![index]!;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or a lost host would, and waits until it is gone.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        await Process.SignalAsync("KILL", cancellationToken);
        await Process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>How many lines of the process's output contain <paramref name="text"/>.</summary>
    public int OutputLinesWith(string text) => Process.Output.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Client.Dispose();
        await Process.DisposeAsync();
        _folder.Dispose();
    }
}
