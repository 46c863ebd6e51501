namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// The thought signatures a request's tidied contents go out with. By default the ones from the history
/// and the gateway's memory, and, for a model that checks them, the documented placeholder on the first
/// call of a model turn that has none (Gemini checks only the first call of a step). A channel may ask for
/// the placeholder on every unsigned call instead, or for no signature at all; the latter wins.
/// </summary>
internal static class GeminiSignaturePolicy
{
    public static void Apply(List<GeminiContent> contents, GeminiRequestOptions options)
    {
        if (options.StripThoughtSignature)
        {
            foreach (var part in contents.SelectMany(c => c.Parts))
            {
                part.ThoughtSignature = null;
            }

            return;
        }

        var everyCall = options.InjectDummyThoughtSignature;
        if (!everyCall && !GeminiModels.ValidatesThoughtSignatures(options.Model))
        {
            return;
        }

        foreach (var content in contents.Where(c => c.Role == GeminiRole.Model))
        {
            foreach (var call in content.Parts.OfType<GeminiFunctionCallPart>())
            {
                call.ThoughtSignature ??= GeminiModels.SkipSignatureValidator;
                if (!everyCall)
                {
                    break;
                }
            }
        }
    }
}
