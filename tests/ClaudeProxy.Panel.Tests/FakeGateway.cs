using System.Net;
using System.Text;

namespace ClaudeProxy.Panel.Tests;

/// <summary>The gateway as the panel's HttpClient sees it: canned answers by path, every request kept for inspection.</summary>
internal sealed class FakeGateway : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpResponseMessage>> _answers = new(StringComparer.Ordinal);

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Answers <paramref name="method"/> <paramref name="pathAndQuery"/> (e.g. <c>/api/session</c>).</summary>
    public void Answer(HttpMethod method, string pathAndQuery, HttpStatusCode status, string? json = null) =>
        _answers[$"{method} {pathAndQuery}"] = () => new HttpResponseMessage(status)
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };

    /// <summary>Answers <paramref name="method"/> <paramref name="pathAndQuery"/> with a response made per request (a stream, say).</summary>
    public void Answer(HttpMethod method, string pathAndQuery, Func<HttpResponseMessage> answer) => _answers[$"{method} {pathAndQuery}"] = answer;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var panelHeader = request.Headers.TryGetValues("X-ClaudeProxy-Panel", out var values) ? string.Join(",", values) : null;
        var key = $"{request.Method} {request.RequestUri!.PathAndQuery}";
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri.PathAndQuery, body, panelHeader));
        return _answers.TryGetValue(key, out var answer) ? answer() : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}

internal sealed record RecordedRequest(HttpMethod Method, string PathAndQuery, string? Body, string? PanelHeader);
