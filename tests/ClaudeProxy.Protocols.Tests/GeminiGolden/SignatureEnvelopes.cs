using System.Text.RegularExpressions;
using ClaudeProxy.Protocols.Translation.Gemini;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>Shows Gemini signature envelopes in goldens as the signature they carry, so a reviewer can see which signature went where.</summary>
internal static partial class SignatureEnvelopes
{
    public static string Reveal(string text) => EnvelopePattern().Replace(text, match =>
        ThoughtSignatureEnvelope.TryUnwrap(match.Value, out var signature) ? $"gw1.gemini[{signature}]" : match.Value);

    [GeneratedRegex(@"gw1\.gemini\.[A-Za-z0-9_-]+")]
    private static partial Regex EnvelopePattern();
}
