namespace ClaudeProxy.Upstreams.Gemini;

/// <summary>
/// The generateContent URL of a Gemini channel: <c>{baseUrl}/models/{model}:generateContent</c>, or
/// <c>:streamGenerateContent?alt=sse</c> for a stream (without <c>alt=sse</c> Gemini streams a JSON
/// array, not events). <c>/v1beta</c> is added when the base URL names no version; a trailing
/// <c>#</c> means "add no version". A model given as a resource name (<c>models/x</c>,
/// <c>tunedModels/x</c>) keeps its collection.
/// </summary>
public sealed class GeminiUrl(string baseUrl)
{
    private readonly string _root = BaseUrls.Versioned(baseUrl, "/v1beta");

    /// <summary>The channel's model list, which the admin ping reads.</summary>
    public Uri Models => new(_root + "/models", UriKind.Absolute);

    public Uri For(string model, bool stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        var resource = model.Contains('/', StringComparison.Ordinal)
            ? string.Join('/', model.Split('/').Select(Uri.EscapeDataString))
            : "models/" + Uri.EscapeDataString(model);
        var method = stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
        return new Uri(_root + "/" + resource + method, UriKind.Absolute);
    }

    /// <summary>The bare model id for a name given as <c>models/x</c>; other names as they are.</summary>
    public static string ModelId(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
    }
}
