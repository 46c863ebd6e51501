using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ClaudeProxy.Bench.PromptCache;

/// <summary>
/// Runs the plan's conversations all at once through the gateway, each one turn after another (a
/// turn waits for the previous answer, as a user of Claude Code does). Any failed turn stops the
/// run: a cache figure from a partial conversation would mislead.
/// </summary>
internal static class ConversationLoad
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Returns how long the whole load took.</summary>
    public static async Task<TimeSpan> RunAsync(HttpClient client, Uri gateway, string accessKey, string model, CachePlan plan, CancellationToken ct)
    {
        var url = new Uri(gateway, "/v1/messages");
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, plan.Conversations).Select(i => ConverseAsync(client, url, accessKey, new ClaudeCodeConversation(i, model), plan.Turns, ct)));
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task ConverseAsync(HttpClient client, Uri url, string accessKey, ClaudeCodeConversation conversation, int turns, CancellationToken ct)
    {
        for (var turn = 0; turn < turns; turn++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(conversation.NextRequest()) };
            request.Content.Headers.ContentType = Json;
            request.Headers.TryAddWithoutValidation("x-api-key", accessKey);
            request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
            request.Headers.TryAddWithoutValidation(ClaudeCodeConversation.SessionHeader, conversation.SessionId);
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"cache scenario, session {conversation.SessionId} turn {turn + 1}: HTTP {(int)response.StatusCode}. Answer starts: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 400)))}");
            }

            using var answer = JsonDocument.Parse(body);
            if (!answer.RootElement.TryGetProperty("content"u8, out var content) || content.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidOperationException($"cache scenario, session {conversation.SessionId} turn {turn + 1}: the answer has no content array.");
            }

            conversation.Answered(content);
        }
    }
}
