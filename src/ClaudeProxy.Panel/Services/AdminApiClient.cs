using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Http;

namespace ClaudeProxy.Panel.Services;

/// <summary>
/// The one way the panel talks to the gateway: same origin, the session cookie sent by the browser,
/// and <c>X-ClaudeProxy-Panel: 1</c> on every request (the server requires it on cookie-authenticated
/// state-changing requests, which a cross-site form cannot add). A 401 sends the user to the sign-in page.
/// </summary>
public sealed class AdminApiClient(HttpClient http, NavigationManager navigation, SessionHint session)
{
    public const string PanelHeader = "X-ClaudeProxy-Panel";

    /// <summary>The panel's HttpClient: the page origin as base address and the panel header on every request.</summary>
    public static HttpClient CreateHttpClient(Uri origin, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.BaseAddress = origin;
        client.DefaultRequestHeaders.Add(PanelHeader, "1");
        return client;
    }

    /// <summary>Exchanges the key for a session cookie. The key goes into this one request and is kept nowhere.</summary>
    public async Task<SignInResult> SignInAsync(string key, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Post, "api/session");
        request.Content = JsonContent.Create(new SignInRequest(key), PanelJsonContext.Default.SignInRequest);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(true);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK or HttpStatusCode.NoContent:
                    await session.RememberAsync().ConfigureAwait(true);
                    return new SignInResult(SignInOutcome.SignedIn, null);
                case HttpStatusCode.Unauthorized:
                    return new SignInResult(SignInOutcome.WrongKey, null);
                case HttpStatusCode.TooManyRequests:
                    return new SignInResult(SignInOutcome.Throttled, await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(true));
                default:
                    return new SignInResult(SignInOutcome.Failed, null);
            }
        }
        catch (HttpRequestException)
        {
            return new SignInResult(SignInOutcome.Failed, null);
        }
    }

    /// <summary>Ends the session (best effort) and goes to the sign-in page.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = Request(HttpMethod.Delete, "api/session");
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(true);
        }
        catch (HttpRequestException)
        {
            // The cookie may outlive an unreachable server; the sign-in page is still the right place.
        }

        await session.ForgetAsync().ConfigureAwait(true);
        navigation.NavigateTo("login");
    }

    /// <summary>GETs JSON. A 401 goes to the sign-in page; any other failure comes back as <see cref="ApiStatus.Failed"/>.</summary>
    public async Task<ApiResult<T>> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = Request(HttpMethod.Get, path);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(true);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await session.ForgetAsync().ConfigureAwait(true);
                navigation.NavigateTo("login");
                return new ApiResult<T>(default, ApiStatus.Unauthorized);
            }

            // /health answers 503 with its body while draining; that is still a report to show.
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return new ApiResult<T>(default, ApiStatus.Failed);
            }

            var value = await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(true);
            return value is null ? new ApiResult<T>(default, ApiStatus.Failed) : new ApiResult<T>(value, ApiStatus.Ok);
        }
        catch (HttpRequestException)
        {
            return new ApiResult<T>(default, ApiStatus.Failed);
        }
        catch (System.Text.Json.JsonException)
        {
            return new ApiResult<T>(default, ApiStatus.Failed);
        }
    }

    // Writes (POST/PUT/DELETE with a body): a 401 goes to the sign-in page; a refusal keeps the server's message.

    /// <summary>Sends <paramref name="body"/> as JSON and reads the JSON answer.</summary>
    public Task<ApiWriteResult<TResponse>> SendJsonAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> bodyType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken = default) =>
        SendAsync(method, path, JsonContent.Create(body, bodyType), responseType, cancellationToken);

    /// <summary>Sends a change without a body (DELETE, or a POST that needs none) and reads the JSON answer.</summary>
    public Task<ApiWriteResult<TResponse>> SendAsync<TResponse>(HttpMethod method, string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken = default) =>
        SendAsync(method, path, content: null, responseType, cancellationToken);

    /// <summary>DELETEs <paramref name="path"/> and reads the JSON answer.</summary>
    public Task<ApiWriteResult<TResponse>> DeleteAsync<TResponse>(string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, path, content: null, responseType, cancellationToken);

    /// <summary>Sends <paramref name="content"/> as it is (an uploaded file, say) and reads the JSON answer.</summary>
    public async Task<ApiWriteResult<TResponse>> SendAsync<TResponse>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = Request(method, path);
            request.Content = content;
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(true);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await session.ForgetAsync().ConfigureAwait(true);
                navigation.NavigateTo("login");
                return new ApiWriteResult<TResponse>(default, ApiStatus.Unauthorized, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                // A 4xx says what was wrong with the request; a 5xx may carry server internals, so it says nothing.
                var refusal = (int)response.StatusCode < 500 ? await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(true) : null;
                return new ApiWriteResult<TResponse>(default, ApiStatus.Failed, refusal);
            }

            var value = await response.Content.ReadFromJsonAsync(responseType, cancellationToken).ConfigureAwait(true);
            return value is null ? new ApiWriteResult<TResponse>(default, ApiStatus.Failed, null) : new ApiWriteResult<TResponse>(value, ApiStatus.Ok, null);
        }
        catch (HttpRequestException)
        {
            return new ApiWriteResult<TResponse>(default, ApiStatus.Failed, null);
        }
        catch (System.Text.Json.JsonException)
        {
            return new ApiWriteResult<TResponse>(default, ApiStatus.Failed, null);
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        // Same origin only: the cookie never goes to another site, and no other site's goes here.
        request.SetBrowserRequestCredentials(BrowserRequestCredentials.SameOrigin);
        return request;
    }

    private static async Task<string?> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var envelope = await response.Content.ReadFromJsonAsync(PanelJsonContext.Default.ErrorEnvelope, cancellationToken).ConfigureAwait(true);
            return string.IsNullOrWhiteSpace(envelope?.Error?.Message) ? null : envelope.Error.Message;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
