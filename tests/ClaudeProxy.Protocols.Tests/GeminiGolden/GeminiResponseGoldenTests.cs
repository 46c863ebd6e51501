using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation.Gemini;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>
/// Non-stream response goldens: <c>fixtures/gemini/response/&lt;case&gt;/upstream.json</c> (a
/// <c>GenerateContentResponse</c>) with <c>context.json</c> gives <c>expected.json</c> (generated ids
/// replaced by placeholders, signature envelopes shown as the signature they carry) and the notes
/// in <c>expected-notes.txt</c>.
/// </summary>
public sealed class GeminiResponseGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.Gemini, GoldenKind.Response);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_Gemini_response_fixture_maps_to_the_expected_Anthropic_message(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.Gemini, GoldenKind.Response, name);
        var context = GeminiFixtureSettings.ResponseContext(fixture.ReadText("context.json"));

        var message = GeminiResponseMapper.Map(fixture.ReadBytes("upstream.json"), context);

        var normalized = GeneratedIds.Normalize(SignatureEnvelopes.Reveal(Encoding.UTF8.GetString(message)));
        fixture.VerifyJson("expected.json", normalized);
        fixture.VerifyNotes(context.Notes);
        AnthropicMessageRules.Check(JsonNode.Parse(message)!.AsObject(), context.RequestedModel);
    }
}
