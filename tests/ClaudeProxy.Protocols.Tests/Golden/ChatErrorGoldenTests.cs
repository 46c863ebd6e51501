using System.Globalization;
using System.Text.Json;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// Error goldens: an upstream error answer (<c>upstream-status.txt</c> and the raw <c>upstream.body</c>,
/// JSON, HTML or plain text) gives the status, Anthropic error type, message and code in <c>expected.json</c>.
/// </summary>
public sealed class ChatErrorGoldenTests
{
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Cases => GoldenCase.Names(GoldenPaths.OpenAI, GoldenKind.Error);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_OpenAI_error_fixture_translates_to_the_expected_status_type_and_message(string name)
    {
        var fixture = GoldenCase.Open(GoldenPaths.OpenAI, GoldenKind.Error, name);
        var status = int.Parse(fixture.ReadText("upstream-status.txt").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

        var error = ChatErrorTranslator.Translate(status, fixture.ReadBytes("upstream.body"));

        fixture.VerifyJson("expected.json", JsonSerializer.Serialize(error, CamelCase));
    }
}
