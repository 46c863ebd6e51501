using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaudeProxy.FakeUpstreams;
using Xunit;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// The Claude Code run every channel type is tested with: the CLI is asked to run one Bash command
/// and report what it printed, against a scripted upstream. Here are the scenario's constants, the
/// helpers that read what the CLI sent, and the checks on the gateway's own request log.
/// </summary>
public static partial class ClaudeCodeScenario
{
    // A current model name: for these Claude Code sends a role "system" message inside messages.
    public const string Model = "claude-sonnet-5";
    public const string ToolOutput = "hello-from-tool";
    public const string Command = "echo " + ToolOutput;
    public const string Prompt = "Use the Bash tool to run " + Command + " and tell me what it printed.";
    public const string FinalPrefix = "The tool said: ";

    // Enough for the tool turn and the answer; a script that keeps asking for tools stops here.
    public const int MaxTurns = 4;

    /// <summary>
    /// Runs the CLI with the scenario's prompt against <paramref name="gateway"/>, then stops the
    /// gateway (so its request log is complete), writes what happened to the test output, and checks
    /// that Claude Code ran the tool and answered with what it printed. Returns the gateway's log.
    /// </summary>
    public static async Task<IReadOnlyList<GatewayRequest>> RunAndCheckAsync(TestGateway gateway, FakeUpstream upstream)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var run = await ClaudeCodeCli.RunAsync(gateway.BaseUrl, gateway.AccessKey, Prompt, Model, MaxTurns, cancellationToken: TestContext.Current.CancellationToken);
        var gatewayRequests = await StopAndReadRequestLogAsync(gateway);
        Describe(run, upstream, gatewayRequests);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.IsError == false, run.ToString());
        Assert.Equal(FinalPrefix + ToolOutput, run.Result?.Trim());
        Assert.True(run.NumTurns >= 2, run.ToString());
        return gatewayRequests;
    }

    // ---- Requests in every upstream format ----

    public static bool IsStreaming(JsonElement body) =>
        body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;

    /// <summary>Whether the request offers a tool by that name (Anthropic <c>name</c> or OpenAI <c>function.name</c>).</summary>
    public static bool OffersTool(JsonElement body, string name) =>
        body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
        && tools.EnumerateArray().Any(t => Str(t, "name") == name
            || (t.TryGetProperty("function", out var f) && Str(f, "name") == name));

    /// <summary>Whether a user message carries the test's prompt: true for the main conversation.</summary>
    public static bool MentionsPrompt(JsonElement body) =>
        Messages(body).Any(m => Str(m, "role") == "user" && m.TryGetProperty("content", out var c) && Text(c).Contains(Prompt, StringComparison.Ordinal));

    public static JsonElement[] Messages(JsonElement body) =>
        body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            ? [.. messages.EnumerateArray()]
            : [];

    /// <summary>A content value as text: a string, or the <c>text</c> of each part of an array.</summary>
    public static string Text(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(part => Str(part, "text") ?? "")),
        _ => "",
    };

    // Claude Code may append a system reminder to a tool's output.
    public static string FirstLine(string text) => text.Trim().Split('\n', 2)[0].Trim();

    public static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // ---- The gateway's side ----

    public sealed record GatewayRequest(string Method, string Path, int Status);

    /// <summary>
    /// Stops the gateway, which waits for requests in flight, so the request log is complete; then
    /// returns one entry per request it answered.
    /// </summary>
    public static async Task<IReadOnlyList<GatewayRequest>> StopAndReadRequestLogAsync(TestGateway gateway)
    {
        await gateway.App.StopAsync(TestContext.Current.CancellationToken);
        return [.. gateway.Logs.Lines
            .Select(line => RequestLogLine().Match(line))
            .Where(match => match.Success)
            .Select(match => new GatewayRequest(
                match.Groups["method"].Value,
                match.Groups["path"].Value,
                int.Parse(match.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    public static void AssertGatewayAnsweredEverything(IReadOnlyList<GatewayRequest> gatewayRequests, int upstreamRequestCount)
    {
        var log = string.Join("\n", gatewayRequests);
        Assert.All(gatewayRequests, r => Assert.True(r.Status < 500, $"The gateway answered {r.Method} {r.Path} with {r.Status}:\n{log}"));
        var messages = gatewayRequests.Where(r => r is { Method: "POST", Path: "/v1/messages" }).ToList();
        Assert.All(messages, r => Assert.True(r.Status == 200, $"The gateway answered a message request with {r.Status}:\n{log}"));

        // One upstream call per message request: nothing was retried or sent twice.
        Assert.Equal(messages.Count, upstreamRequestCount);
    }

    public static void Describe(ClaudeCodeRun run, FakeUpstream upstream, IReadOnlyList<GatewayRequest> gatewayRequests)
    {
        var output = TestContext.Current.TestOutputHelper;
        if (output is null)
        {
            return;
        }

        var text = new StringBuilder()
            .AppendLine($"Claude Code {ClaudeCodeCli.PinnedVersion}: install {ClaudeCodeCli.InstallDuration.TotalSeconds:0.0} s (zero when already installed), run {run.Elapsed.TotalSeconds:0.0} s, exit {run.ExitCode}")
            .AppendLine("Gateway answered:");
        foreach (var request in gatewayRequests)
        {
            text.AppendLine($"  {request.Method} {request.Path} {request.Status}");
        }

        text.AppendLine("Upstream received:");
        foreach (var request in upstream.Requests)
        {
            var body = request.Json();
            text.AppendLine($"  {request} model={Str(body, "model")} stream={IsStreaming(body)} turns={Turns(body)} "
                + $"tools={Tools(body)} bytes={request.Body.Length}");
        }

        text.AppendLine(run.ToString());
        output.WriteLine(text.ToString());
    }

    // Anthropic and Chat Completions bodies hold messages, Responses bodies input items; Gemini bodies hold contents and groups of function declarations.
    private static int Turns(JsonElement body) =>
        (body.TryGetProperty("messages", out var list) || body.TryGetProperty("input", out list) || body.TryGetProperty("contents", out list))
        && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;

    private static int Tools(JsonElement body) =>
        body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            ? tools.EnumerateArray().Sum(t => t.TryGetProperty("functionDeclarations", out var declarations) ? declarations.GetArrayLength() : 1)
            : 0;

    [GeneratedRegex(@"RequestLogMiddleware: (?<method>[A-Z]+) (?<path>\S+) (?<status>\d{3}) ")]
    private static partial Regex RequestLogLine();
}
