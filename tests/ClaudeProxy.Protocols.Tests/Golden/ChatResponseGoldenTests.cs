using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// Non-stream response goldens: <c>fixtures/openai/response/&lt;case&gt;/upstream.json</c> (a Chat
/// Completions response) with <c>context.json</c> gives <c>expected.json</c> (generated ids replaced by
/// placeholders) and the notes in <c>expected-notes.txt</c>.
/// </summary>
public sealed class ChatResponseGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.OpenAI, GoldenKind.Response);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_OpenAI_response_fixture_maps_to_the_expected_Anthropic_message(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.OpenAI, GoldenKind.Response, name);
        var context = FixtureSettings.ResponseContext(fixture.ReadText("context.json"));

        var message = ChatResponseMapper.Map(fixture.ReadBytes("upstream.json"), context);

        var normalized = GeneratedIds.Normalize(Encoding.UTF8.GetString(message));
        fixture.VerifyJson("expected.json", normalized);
        fixture.VerifyNotes(context.Notes);
        AnthropicMessageRules.Check(JsonNode.Parse(message)!.AsObject(), context.RequestedModel);
    }
}
