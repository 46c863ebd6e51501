using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Tests.TestKit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>One gateway process of a test fleet: its own folder and config file, the fleet's Redis and access key.</summary>
public sealed class FleetGateway : IAsyncDisposable
{
    public const string AccessKey = "fleet-test-access-key-9f2c41d7b8e05a63";

    private readonly TempFolder _folder;

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

    public static async Task<FleetGateway> StartAsync(string id, string config, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, ".config"));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"), config, cancellationToken);
        var variables = new Dictionary<string, string>(environment)
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = "0",
            ["PROXY_ACCESS_KEY"] = AccessKey,
            ["INSTANCE_ID"] = id,
        };
        var process = GatewayProcess.Start(folder.Path, variables);
        var baseUrl = await process.WaitUntilListeningAsync(cancellationToken);
        return new FleetGateway(id, folder, process, baseUrl);
    }

    /// <summary>A small non-streaming Messages request; returns the status, or the status and the answer when it is no 200.</summary>
    public async Task<string> SendMessageAsync(string text, CancellationToken cancellationToken)
    {
        using var content = new StringContent(
            $$"""{"model":"claude-sonnet-4-5","max_tokens":32,"messages":[{"role":"user","content":"{{text}}"}]}""", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("/v1/messages", UriKind.Relative), content, cancellationToken);
        return response.IsSuccessStatusCode ? "200" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
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

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
        _folder.Dispose();
    }
}
