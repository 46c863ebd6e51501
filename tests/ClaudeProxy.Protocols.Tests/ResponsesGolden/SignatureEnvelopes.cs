using System.Text.RegularExpressions;
using ClaudeProxy.Protocols.Translation.Responses;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>Shows reasoning envelopes in goldens as the item they carry, so a reviewer can see which reasoning went where.</summary>
internal static partial class SignatureEnvelopes
{
    public static string Reveal(string text) => EnvelopePattern().Replace(text, match =>
        ResponsesReasoningEnvelope.TryUnwrap(match.Value, out var id, out var content) ? $"gw1.responses[{id}|{content}]" : match.Value);

    [GeneratedRegex(@"gw1\.responses\.[A-Za-z0-9_-]+")]
    private static partial Regex EnvelopePattern();
}
