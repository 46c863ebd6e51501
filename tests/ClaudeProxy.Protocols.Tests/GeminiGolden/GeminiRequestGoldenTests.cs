using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>
/// Request goldens: <c>fixtures/gemini/request/&lt;case&gt;/anthropic.json</c> translated with
/// <c>options.json</c> gives exactly <c>expected.json</c> (or throws the message in
/// <c>expected-error.txt</c>), with the notes in <c>expected-notes.txt</c>, and passes
/// <see cref="GeminiRequestRules"/>.
/// </summary>
public sealed class GeminiRequestGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.Gemini, GoldenKind.Request);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_Gemini_request_fixture_maps_to_the_expected_GenerateContent_body(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.Gemini, GoldenKind.Request, name);
        var request = fixture.ReadBytes("anthropic.json");
        var options = GeminiFixtureSettings.RequestOptions(fixture.ReadText("options.json"));
        if (fixture.Has("expected-error.txt"))
        {
            var error = Assert.Throws<TranslationException>(() => GeminiRequestMapper.Map(request, options));
            fixture.VerifyText("expected-error.txt", error.Message);
            return;
        }

        using var mapping = GeminiRequestMapper.Map(request, options);

        fixture.VerifyJson("expected.json", Encoding.UTF8.GetString(mapping.Body.Span));
        fixture.VerifyNotes(mapping.Notes);
        var client = JsonNode.Parse(request)!.AsObject();
        Assert.Equal(client["stream"]?.GetValue<bool>() ?? false, mapping.Stream);
        GeminiRequestRules.Check(client, JsonNode.Parse(mapping.Body.Span)!.AsObject(), mapping.ToolNames);
    }
}
