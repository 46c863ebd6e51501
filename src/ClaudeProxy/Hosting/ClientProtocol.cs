namespace ClaudeProxy.Hosting;

/// <summary>The protocol a client speaks, known from the door it came through; errors answer in its envelope.</summary>
public enum ClientProtocol
{
    /// <summary>Anthropic Messages: <c>/v1/messages</c> and everything else.</summary>
    Anthropic,

    /// <summary>OpenAI: <c>/v1/chat/completions</c> and <c>/v1/responses</c>, whose errors share one envelope.</summary>
    OpenAI,

    /// <summary>Google's Gemini API: everything under <c>/v1beta</c>.</summary>
    Gemini,
}

public static class ClientProtocols
{
    public const string ChatCompletionsPath = "/v1/chat/completions";

    public const string ResponsesPath = "/v1/responses";

    public const string GeminiPrefix = "/v1beta";

    /// <summary>The door's protocol by path, so that an error written before the door runs (a wrong key, a body too large) is already in the client's envelope.</summary>
    public static ClientProtocol Of(PathString path) =>
        path.StartsWithSegments("/v1/chat", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(ResponsesPath, StringComparison.OrdinalIgnoreCase)
            ? ClientProtocol.OpenAI
            : path.StartsWithSegments(GeminiPrefix, StringComparison.OrdinalIgnoreCase) ? ClientProtocol.Gemini
            : ClientProtocol.Anthropic;
}
