using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Responses;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>
/// Request goldens: <c>fixtures/responses/request/&lt;case&gt;/anthropic.json</c> translated with
/// <c>options.json</c> gives exactly <c>expected.json</c> (or throws the message in
/// <c>expected-error.txt</c>), with the notes in <c>expected-notes.txt</c>, and passes
/// <see cref="ResponsesRequestRules"/>.
/// </summary>
public sealed class ResponsesRequestGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.Responses, GoldenKind.Request);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_Responses_request_fixture_maps_to_the_expected_Responses_body(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.Responses, GoldenKind.Request, name);
        var request = fixture.ReadBytes("anthropic.json");
        var options = ResponsesFixtureSettings.RequestOptions(fixture.ReadText("options.json"));
        if (fixture.Has("expected-error.txt"))
        {
            var error = Assert.Throws<TranslationException>(() => ResponsesRequestMapper.Map(request, options));
            fixture.VerifyText("expected-error.txt", error.Message);
            return;
        }

        using var mapping = ResponsesRequestMapper.Map(request, options);

        fixture.VerifyJson("expected.json", Encoding.UTF8.GetString(mapping.Body.Span));
        fixture.VerifyNotes(mapping.Notes);
        var client = JsonNode.Parse(request)!.AsObject();
        Assert.Equal(client["stream"]?.GetValue<bool>() ?? false, mapping.Stream);
        ResponsesRequestRules.Check(client, JsonNode.Parse(mapping.Body.Span)!.AsObject(), mapping.ToolNames);
    }
}
