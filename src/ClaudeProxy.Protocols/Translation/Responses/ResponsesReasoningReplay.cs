using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// What an assistant's <c>thinking</c> or <c>redacted_thinking</c> block becomes. Only reasoning a
/// Responses upstream produced (a <see cref="ResponsesReasoningEnvelope"/> in the signature) can go
/// back, as a <c>reasoning</c> item, and only to a channel that speaks reasoning at all; anything else
/// (Anthropic signatures, another provider's envelopes, redacted thinking) the upstream cannot verify.
/// Each kind of drop is noted once per request, not once per block.
/// </summary>
internal sealed class ResponsesReasoningReplay(ResponsesRequestOptions options, List<string> notes)
{
    private bool _notedForeign;
    private bool _notedUnwanted;

    /// <summary>The reasoning item for <paramref name="block"/>; null when it is dropped.</summary>
    public ResponsesInputReasoning? From(JsonElement block)
    {
        var signature = block.TryGetProperty("signature"u8, out var signatureElement) && signatureElement.ValueKind == JsonValueKind.String
            ? signatureElement.GetString()
            : null;
        if (AnthropicRequestJson.BlockType(block) != "thinking" || !ResponsesReasoningEnvelope.TryUnwrap(signature, out _, out var encryptedContent))
        {
            Note(ref _notedForeign, "Dropped thinking a Responses upstream cannot verify (Anthropic signatures, other providers' envelopes, redacted thinking); only its own reasoning is replayed.");
            return null;
        }

        if (options.Reasoning != ReasoningStyle.OpenAIEffort)
        {
            // Models without reasoning reject reasoning items as they reject the reasoning settings.
            Note(ref _notedUnwanted, "Dropped reasoning replayed in thinking blocks: this channel sends its model no reasoning.");
            return null;
        }

        block.TryGetProperty("thinking"u8, out var thinking);
        return new ResponsesInputReasoning(thinking, encryptedContent);
    }

    private void Note(ref bool noted, string note)
    {
        if (!noted)
        {
            noted = true;
            notes.Add(note);
        }
    }
}
