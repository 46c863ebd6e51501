using System.Text;
using ClaudeProxy.Configuration;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using Xunit;

namespace ClaudeProxy.Tests.Hardening;

/// <summary>
/// Config files with every field mutated (see <see cref="JsonMutator"/>): the parser and validator
/// either load them or report the problems in a <see cref="ConfigFileException"/> — a broken file
/// never escapes as any other exception, so the server keeps its good config and the CLI says why.
/// </summary>
public sealed class ConfigParserFuzzTests
{
    private static readonly byte[][] Corpus =
    [
        Encoding.UTF8.GetBytes("""
            {
              "upstream": [
                {"id":"ch_1","name":"Anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["sk-ant-api03-a","sk-ant-oat01-b"],
                 "modelMapping":{"sonnet":"claude-sonnet-4-5"},"description":"main","website":"https://example.com","insecureSkipVerify":false,
                 "status":"active","priority":1,"weight":3,"authStyle":"x-api-key","models":["claude-*"],"loadBalance":"round-robin","unknownField":[1]},
                {"name":"Relay","serviceType":"openai","baseUrl":"http://127.0.0.1:9/v1","apiKeys":["sk-1"],"maxTokens":4096,"reasoning":"openai",
                 "systemMessagesInPlace":true,"forwardUserId":false},
                {"name":"Gemini","serviceType":"gemini","baseUrl":"https://generativelanguage.googleapis.com","apiKeys":["AIza-1"],"reasoning":"gemini-budget","status":"disabled",
                 "foldSystemMessages":true},
                {"name":"Old","serviceType":"openaiold","baseUrl":"https://old.example.com","apiKeys":[]}
              ],
              "currentUpstream": 1,
              "loadBalance": "failover",
              "fuzzyModeEnabled": true
            }
            """),
        Encoding.UTF8.GetBytes("""{"upstream":[{"serviceType":"claude","baseUrl":"https://api.anthropic.com"}]}"""),
        Encoding.UTF8.GetBytes("""{"upstream":[],"loadBalance":"random"}"""),
    ];

    [Fact]
    public void Mutated_config_files_load_or_are_reported_as_config_file_problems()
    {
        FuzzRun.Check(JsonMutator.Of(Corpus), defaultIterations: 800, bytes =>
        {
            try
            {
                ConfigParser.Parse(bytes, "config.json");
            }
            catch (ConfigFileException ex)
            {
                Assert.NotEmpty(ex.Problems);
            }
        }, bytes => Encoding.UTF8.GetString(bytes));
    }
}
