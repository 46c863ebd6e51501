using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation.Responses;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>
/// Non-stream response goldens: <c>fixtures/responses/response/&lt;case&gt;/upstream.json</c> (a Responses
/// API response object) with <c>context.json</c> gives <c>expected.json</c> (generated ids replaced by
/// placeholders, reasoning envelopes shown as the item they carry) and the notes in <c>expected-notes.txt</c>.
/// </summary>
public sealed class ResponsesResponseGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.Responses, GoldenKind.Response);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_Responses_response_fixture_maps_to_the_expected_Anthropic_message(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.Responses, GoldenKind.Response, name);
        var context = ResponsesFixtureSettings.ResponseContext(fixture.ReadText("context.json"));

        var message = ResponsesResponseMapper.Map(fixture.ReadBytes("upstream.json"), context);

        var normalized = GeneratedIds.Normalize(SignatureEnvelopes.Reveal(Encoding.UTF8.GetString(message)));
        fixture.VerifyJson("expected.json", normalized);
        fixture.VerifyNotes(context.Notes);
        AnthropicMessageRules.Check(JsonNode.Parse(message)!.AsObject(), context.RequestedModel);
    }
}
