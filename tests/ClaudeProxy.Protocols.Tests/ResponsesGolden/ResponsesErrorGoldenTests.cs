using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation.Responses;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>
/// Error goldens: the body a Responses upstream sent with a failure status (<c>upstream.json</c>, or
/// <c>upstream.html</c> for a proxy's page) and that status (<c>context.json</c> <c>status</c>) give the
/// status, Anthropic error type, message and code in <c>expected.json</c>.
/// </summary>
public sealed class ResponsesErrorGoldenTests
{
    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.Responses, GoldenKind.Error);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_Responses_error_fixture_translates_to_the_expected_status_and_type(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.Responses, GoldenKind.Error, name);
        var status = (int)JsonNode.Parse(fixture.ReadText("context.json"))!["status"]!;
        var body = fixture.ReadBytes(fixture.Has("upstream.json") ? "upstream.json" : "upstream.html");

        var error = ResponsesErrorTranslator.Translate(status, body);

        fixture.VerifyJson("expected.json", new JsonObject
        {
            ["status"] = error.Status,
            ["type"] = error.ErrorType,
            ["message"] = error.Message,
            ["code"] = error.Code,
        }.ToJsonString());
    }
}
