using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Cli;

/// <summary>
/// <c>claude-proxy health</c>: asks a running gateway's <c>/health</c>, for container HEALTHCHECKs (the image
/// has no shell or curl). One line out; exit 0 only for a 200 answer whose status is <c>healthy</c>.
/// </summary>
internal static class HealthCommand
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static Command Create(CliConsole console)
    {
        var url = new Option<string?>("--url")
        {
            Description = "The address to ask (default: http://127.0.0.1:PORT/health, with PORT and HOST as the gateway reads them).",
        };
        var command = new Command(
            "health",
            $"Ask a running gateway whether it is healthy (GET /health, {Timeout.TotalSeconds:0} s at most). Exit 0 when it is, {ExitCodes.CheckFailed} when it is not or does not answer.")
        {
            ServeCommand.PortOption, url,
        };
        CommandRunner.SetAction(command, console, async (context, cancellationToken) =>
        {
            Uri? target;
            if (context.GetValue(url) is { } given)
            {
                if (!Uri.TryCreate(given, UriKind.Absolute, out target) || target.Scheme is not ("http" or "https"))
                {
                    return context.Fail(ExitCodes.Invalid, $"--url '{given}' is not an absolute http(s) URL.");
                }
            }
            else
            {
                var settings = GatewaySettingsReader.Read(console.Variables);
                var port = context.GetValue(ServeCommand.PortOption) ?? settings.Port;
                if (port == 0)
                {
                    return context.Fail(ExitCodes.Invalid, "PORT is 0 (a port the system picks): give the gateway's address with --url.");
                }

                target = new Uri($"http://{LocalHost(settings.Host)}:{port}/health");
            }

            var (healthy, line) = await AskAsync(target, cancellationToken);
            (healthy ? context.Out : context.Error).WriteLine(line);
            return healthy ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }

    /// <summary>Where a gateway listening on <paramref name="host"/> is reached from this machine: an address that means "all of them" is reached on the loopback.</summary>
    private static string LocalHost(string host) => host.Trim('[', ']') switch
    {
        "" or "0.0.0.0" or "::" or "*" or "+" => "127.0.0.1",
        var h when string.Equals(h, "localhost", StringComparison.OrdinalIgnoreCase) => "127.0.0.1",
        var h when IPAddress.TryParse(h, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 => $"[{h}]",
        var h => h,
    };

    private static async Task<(bool Healthy, string Line)> AskAsync(Uri target, CancellationToken cancellationToken)
    {
        // The gateway is local or named outright: a proxy from the environment has no part in it.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = Timeout });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            var (status, version) = Read(body);
            var code = (int)response.StatusCode;
            var said = status is null ? "no health report" : $"status {status}";
            return response.StatusCode == HttpStatusCode.OK && status == "healthy"
                ? (true, $"healthy: {target} answered {code} (ClaudeProxy {version})")
                : (false, $"unhealthy: {target} answered {code}, {said}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"unhealthy: {target} did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            var why = ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "connection refused (is the gateway running?)" : ex.Message;
            return (false, $"unhealthy: {target}: {why}");
        }
    }

    /// <summary>The report's <c>status</c> and <c>version</c>; nulls when the body is no health report.</summary>
    private static (string? Status, string? Version) Read(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? (Text(root, "status"), Text(root, "version"))
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
