
namespace ClaudeProxy.Hosting;

/// <summary>
/// The one place an unexpected exception ends: it is logged once with the request id, and the
/// client gets the Anthropic envelope (<c>500 api_error</c>, <c>x-should-retry: false</c>) — never
/// a stack trace, the exception's text, or anything the client sent. Kestrel's own request errors
/// (a body over the limit, a malformed body) keep their 4xx meaning in the same envelope.
/// </summary>
public sealed partial class UnhandledExceptionMiddleware(RequestDelegate next, ILogger<UnhandledExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(context, ex.StatusCode, ClientErrorMessage(ex.StatusCode), shouldRetry: null);
        }
#pragma warning disable CA1031 // This is the last line of defence: every exception must end here.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnhandled(ex, context.Request.Method, context.Request.Path.Value ?? "", RequestIds.Get(context));
            await WriteAsync(context, StatusCodes.Status500InternalServerError,
                "The gateway failed to handle this request. The error is logged with this request id.", shouldRetry: false);
        }
    }

    private static string ClientErrorMessage(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this gateway accepts.",
        StatusCodes.Status408RequestTimeout => "The request body did not arrive in time.",
        _ => "The request could not be read (malformed or incomplete body).",
    };

    private static async Task WriteAsync(HttpContext context, int status, string message, bool? shouldRetry)
    {
        if (context.Response.HasStarted)
        {
            // Part of an answer is out: a clean end is impossible, so the connection is cut rather than
            // leaving a response that looks complete.
            context.Abort();
            return;
        }

        context.Response.Clear();
        await GatewayErrors.WriteAsync(context, status, message, shouldRetry);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path} [{RequestId}]")]
    private partial void LogUnhandled(Exception exception, string method, string path, string requestId);
}
