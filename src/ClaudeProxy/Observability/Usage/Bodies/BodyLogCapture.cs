using ClaudeProxy.Proxy;
using ClaudeProxy.Security;

namespace ClaudeProxy.Observability.Usage.Bodies;

/// <summary>
/// One request's bodies for the request log (ENABLE_BODY_LOGS): the client's request as received, and
/// the answer as the client received it, both cut at the limit and redacted with the keys this request
/// was sent with and the gateway's own access keys.
/// </summary>
public sealed class BodyLogCapture : IDisposable
{
    private readonly HttpContext _context;
    private readonly RequestBody _requestBody;
    private readonly int _maxBytes;
    private readonly Stream _clientBody;
    private readonly ResponseCaptureStream _answer;
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    public BodyLogCapture(HttpContext context, RequestBody requestBody, int maxBytes, GatewayKeys gatewayKeys)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requestBody);
        ArgumentNullException.ThrowIfNull(gatewayKeys);
        _context = context;
        _requestBody = requestBody;
        _maxBytes = maxBytes;
        _secrets.UnionWith(gatewayKeys.All);

        _clientBody = context.Response.Body;
        _answer = new ResponseCaptureStream(_clientBody, maxBytes);
        context.Response.Body = _answer;
    }

    /// <summary>An attempt sent this key upstream; an answer may echo it.</summary>
    public void Sent(string apiKey) => _secrets.Add(apiKey);

    /// <summary>The entry with both bodies; the response body is the client's own stream again afterwards.</summary>
    public RequestLogEntry Apply(RequestLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _context.Response.Body = _clientBody;
        return entry with
        {
            RequestBody = _requestBody.Length == 0 ? null : BodyLogText.From(_requestBody.Span, _requestBody.Length, _maxBytes, _secrets),
            ResponseBody = _answer.Written == 0 ? null : BodyLogText.From(_answer.Kept, _answer.Written, _maxBytes, _secrets),
        };
    }

    public void Dispose()
    {
        _context.Response.Body = _clientBody;
        _answer.Dispose();
    }
}
