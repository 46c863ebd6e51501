using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// Request goldens: <c>fixtures/openai/request/&lt;case&gt;/anthropic.json</c> translated with
/// <c>options.json</c> gives exactly <c>expected.json</c> (or throws the message in <c>expected-error.txt</c>),
/// with the notes in <c>expected-notes.txt</c>.
/// </summary>
public sealed class ChatRequestGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.OpenAI, GoldenKind.Request);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_OpenAI_request_fixture_maps_to_the_expected_Chat_Completions_body(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.OpenAI, GoldenKind.Request, name);
        var request = fixture.ReadBytes("anthropic.json");
        var options = FixtureSettings.RequestOptions(fixture.ReadText("options.json"));
        if (fixture.Has("expected-error.txt"))
        {
            var error = Assert.Throws<TranslationException>(() => ChatRequestMapper.Map(request, options));
            fixture.VerifyText("expected-error.txt", error.Message);
            return;
        }

        using var mapping = ChatRequestMapper.Map(request, options);

        fixture.VerifyJson("expected.json", Encoding.UTF8.GetString(mapping.Body.Span));
        fixture.VerifyNotes(mapping.Notes);
        var client = JsonNode.Parse(request)!;
        Assert.Equal(client["stream"]?.GetValue<bool>() ?? false, mapping.Stream);
        AssertToolNamesMapBack(client, JsonNode.Parse(mapping.Body.Span)!, mapping.ToolNames);
    }

    /// <summary>Every function name sent upstream maps back to a tool name the client declared.</summary>
    private static void AssertToolNamesMapBack(JsonNode client, JsonNode body, ToolNameMap toolNames)
    {
        var declared = (client["tools"] as JsonArray ?? []).Select(t => (string?)t!["name"]).ToHashSet();
        foreach (var tool in body["tools"] as JsonArray ?? [])
        {
            var upstreamName = (string)tool!["function"]!["name"]!;
            Assert.Contains(toolNames.ToOriginal(upstreamName), declared);
        }
    }
}
