namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>The <c>error.type</c> values of the Anthropic error envelope, and the status each belongs to.</summary>
public static class AnthropicErrorType
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Authentication = "authentication_error";
    public const string Billing = "billing_error";
    public const string Permission = "permission_error";
    public const string NotFound = "not_found_error";
    public const string RequestTooLarge = "request_too_large";
    public const string RateLimit = "rate_limit_error";
    public const string Api = "api_error";
    public const string Timeout = "timeout_error";
    public const string Overloaded = "overloaded_error";

    /// <summary>The error type Anthropic uses for an HTTP status (other 4xx fall back to invalid_request_error).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => InvalidRequest,
        401 => Authentication,
        402 => Billing,
        403 => Permission,
        404 => NotFound,
        413 => RequestTooLarge,
        429 => RateLimit,
        504 => Timeout,
        503 or 529 => Overloaded,
        >= 400 and < 500 => InvalidRequest,
        _ => Api,
    };

    /// <summary>The status Anthropic answers with for an error type (the inverse of <see cref="ForStatus"/>); 500 for an unknown type.</summary>
    public static int ToStatus(string? errorType) => errorType switch
    {
        InvalidRequest => 400,
        Authentication => 401,
        Billing => 402,
        Permission => 403,
        NotFound => 404,
        RequestTooLarge => 413,
        RateLimit => 429,
        Timeout => 504,
        Overloaded => 529,
        _ => 500,
    };
}
