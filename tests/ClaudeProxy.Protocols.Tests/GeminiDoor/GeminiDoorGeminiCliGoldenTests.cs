using System.Text;
using ClaudeProxy.Protocols.Doors.Gemini;
using Xunit;
using static ClaudeProxy.Protocols.Tests.GeminiDoor.GeminiDoorDriver;

namespace ClaudeProxy.Protocols.Tests.GeminiDoor;

/// <summary>A request as the Gemini CLI sends it mid tool loop, and the exact hub request it becomes.</summary>
public sealed class GeminiDoorGeminiCliGoldenTests
{
    private const string CliRequest = """
        {
          "contents": [
            {"role": "user", "parts": [{"text": "<session_context>\nThis is the Gemini CLI. We are setting up the context for our chat.\nMy operating system is: linux\n</session_context>"}]},
            {"role": "model", "parts": [{"text": "Got it. Thanks for the context!"}]},
            {"role": "user", "parts": [{"text": "List src and read README.md"}]},
            {"role": "model", "parts": [
              {"text": "**Listing the directory**\n\nI will look at src first.", "thought": true},
              {"text": "I'll list the directory first."},
              {"functionCall": {"id": "list_directory-1731000000000-a1b2c3", "name": "list_directory", "args": {"dir_path": "src"}}, "thoughtSignature": "skip_thought_signature_validator"}
            ]},
            {"role": "user", "parts": [{"functionResponse": {"id": "list_directory-1731000000000-a1b2c3", "name": "list_directory", "response": {"output": "Directory listing for /home/dev/app/src:\n[DIR] app\nmain.ts"}}}]},
            {"role": "model", "parts": [{"functionCall": {"name": "read_file", "args": {"absolute_path": "/home/dev/app/README.md"}}}]},
            {"role": "user", "parts": [{"functionResponse": {"id": "read_file-1731000000500-d4e5f6", "name": "read_file", "response": {"output": "# Demo\n"}}}]}
          ],
          "systemInstruction": {"role": "user", "parts": [{"text": "You are an interactive CLI agent specializing in software engineering tasks."}]},
          "tools": [
            {"functionDeclarations": [
              {"name": "list_directory", "description": "Lists the names of files and subdirectories directly within a specified directory path.",
               "parametersJsonSchema": {"type": "object", "properties": {"dir_path": {"type": "string", "description": "The path to the directory to list"}, "ignore": {"type": "array", "items": {"type": "string"}}}, "required": ["dir_path"]}},
              {"name": "read_file", "description": "Reads and returns the content of a specified file.",
               "parametersJsonSchema": {"type": "object", "properties": {"absolute_path": {"type": "string"}, "offset": {"type": "number"}, "limit": {"type": "number"}}, "required": ["absolute_path"]}},
              {"name": "run_shell_command", "description": "Executes a given shell command as `bash -c <command>`.",
               "parametersJsonSchema": {"type": "object", "properties": {"command": {"type": "string"}, "is_background": {"type": "boolean"}}, "required": ["command"]}}
            ]},
            {"googleSearch": {}}
          ],
          "generationConfig": {"temperature": 1, "topP": 0.95, "topK": 64, "thinkingConfig": {"includeThoughts": true, "thinkingBudget": 8192}}
        }
        """;

    /// <summary>
    /// The tool loop's last model turn brought back no thinking Anthropic signed, so thinking is off and the
    /// sampling settings go instead (the temperature, not top_p next to it); the CLI's skip signature and
    /// its own thought text are dropped; the read_file call, sent without an id, gets one from its place
    /// and its response (whose id the CLI made up) pairs with it by name.
    /// </summary>
    private const string HubRequest = """
        {"model":"gemini-2.5-pro","max_tokens":32000,
         "system":"You are an interactive CLI agent specializing in software engineering tasks.",
         "messages":[
          {"role":"user","content":[{"type":"text","text":"<session_context>\nThis is the Gemini CLI. We are setting up the context for our chat.\nMy operating system is: linux\n</session_context>"}]},
          {"role":"assistant","content":[{"type":"text","text":"Got it. Thanks for the context!"}]},
          {"role":"user","content":[{"type":"text","text":"List src and read README.md"}]},
          {"role":"assistant","content":[{"type":"text","text":"I'll list the directory first."},
            {"type":"tool_use","id":"list_directory-1731000000000-a1b2c3","name":"list_directory","input":{"dir_path":"src"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"list_directory-1731000000000-a1b2c3","content":"Directory listing for /home/dev/app/src:\n[DIR] app\nmain.ts"}]},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_gemini_5_0","name":"read_file","input":{"absolute_path":"/home/dev/app/README.md"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_gemini_5_0","content":"# Demo\n"}]}],
         "temperature":1,"top_k":64,"stream":true,
         "tools":[
          {"name":"list_directory","description":"Lists the names of files and subdirectories directly within a specified directory path.",
           "input_schema":{"type":"object","properties":{"dir_path":{"type":"string","description":"The path to the directory to list"},"ignore":{"type":"array","items":{"type":"string"}}},"required":["dir_path"]}},
          {"name":"read_file","description":"Reads and returns the content of a specified file.",
           "input_schema":{"type":"object","properties":{"absolute_path":{"type":"string"},"offset":{"type":"number"},"limit":{"type":"number"}},"required":["absolute_path"]}},
          {"name":"run_shell_command","description":"Executes a given shell command as `bash -c <command>`.",
           "input_schema":{"type":"object","properties":{"command":{"type":"string"},"is_background":{"type":"boolean"}},"required":["command"]}}]}
        """;

    [Fact]
    public void A_gemini_cli_request_mid_tool_loop_becomes_exactly_the_expected_hub_request()
    {
        var result = GeminiDoorRequestTranslator.Translate(Encoding.UTF8.GetBytes(CliRequest), "gemini-2.5-pro", stream: true);

        AssertJsonEqual(HubRequest, Succeeded(result));
        Assert.Equal(["googleSearch"], result.DroppedTools);
        Assert.True(result.IncludeThoughts);
        Assert.True(result.Stream);
        Assert.Equal("gemini-2.5-pro", result.Model);
    }

    [Fact]
    public void The_gemini_cli_request_counts_its_tokens_without_limits_sampling_or_stream()
    {
        var hub = CountTokensHub("""{"generateContentRequest":@0}""".Fill(CliRequest));

        foreach (var absent in (string[])["max_tokens", "temperature", "top_k", "stream", "thinking"])
        {
            Assert.False(hub.TryGetProperty(absent, out _), absent);
        }

        Assert.Equal(7, hub.GetProperty("messages").GetArrayLength());
        Assert.Equal(3, hub.GetProperty("tools").GetArrayLength());
    }
}
