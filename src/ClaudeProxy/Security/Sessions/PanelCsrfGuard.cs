namespace ClaudeProxy.Security.Sessions;

/// <summary>
/// A request that changes something and is authorised by the session cookie must carry
/// <c>X-ClaudeProxy-Panel: 1</c>. A page on another site cannot add a custom header to a cross-site
/// request without a CORS preflight, which this gateway never grants, so the header proves the
/// request came from the panel itself (SameSite=Strict is the first defence, this the second).
/// Requests authorised by a key need no header: a forged request cannot carry the key.
/// </summary>
public static class PanelCsrfGuard
{
    public const string HeaderName = "X-ClaudeProxy-Panel";

    public const string MissingHeaderMessage =
        "The request is authorised by the panel session cookie but is missing the X-ClaudeProxy-Panel header (CSRF protection): send X-ClaudeProxy-Panel: 1.";

    /// <summary>True when a cookie-authorised <paramref name="request"/> may go on.</summary>
    public static bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !ChangesState(request.Method) || request.Headers[HeaderName] is { Count: 1 } values && values[0] == "1";
    }

    private static bool ChangesState(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
