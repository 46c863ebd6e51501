using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Bench.Gateway;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>One gateway instance of the fleet scenario, with what the checks ask of it over its HTTP API.</summary>
internal sealed class FleetNode(string id, GatewayProcess gateway, HttpClient client, string accessKey) : IAsyncDisposable
{
    public string Id { get; } = id;

    public GatewayProcess Gateway { get; } = gateway;

    public Uri BaseUrl => Gateway.BaseUrl;

    /// <summary>A small non-streaming Messages request for <paramref name="model"/>; returns the HTTP status.</summary>
    public async Task<int> SendMessageAsync(string model, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "/v1/messages"))
        {
            Content = new StringContent($$"""{"model":"{{model}}","max_tokens":32,"messages":[{"role":"user","content":"fleet check"}]}""", Encoding.UTF8, "application/json"),
        };
        Authorize(request);
        using var response = await client.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return (int)response.StatusCode;
    }

    public async Task<JsonNode> GetJsonAsync(string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, pathAndQuery));
        Authorize(request);
        using var response = await client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
    }

    /// <summary>Sends a JSON body to the admin API; returns the status and the answer.</summary>
    public async Task<(int Status, string Body)> SendJsonAsync(HttpMethod method, string path, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        Authorize(request);
        using var response = await client.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>The names of the channels this instance serves now.</summary>
    public async Task<IReadOnlyList<string>> ChannelNamesAsync(CancellationToken ct) =>
        [.. (await GetJsonAsync("/api/channels", ct))["channels"]!.AsArray().Select(c => (string)c!["name"]!)];

    /// <summary>Whether <c>/api/cluster</c> says this instance is connected to Redis.</summary>
    public async Task<bool> ConnectedAsync(CancellationToken ct)
    {
        try
        {
            return (string?)(await GetJsonAsync("/api/cluster", ct))["redis"] == "connected";
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The state of the channel's key at <paramref name="index"/> as <c>/api/health</c> shows it (e.g. <c>resting</c>).</summary>
    public async Task<string?> KeyStateAsync(string channelId, int index, CancellationToken ct)
    {
        var health = await GetJsonAsync("/api/health", ct);
        var channel = health["channels"]!.AsArray().Single(c => (string?)c!["id"] == channelId)!;
        return (string?)channel["keys"]![index]!["state"];
    }

    public void Authorize(HttpRequestMessage request) => request.Headers.Add("x-api-key", accessKey);

    public ValueTask DisposeAsync() => Gateway.DisposeAsync();
}
