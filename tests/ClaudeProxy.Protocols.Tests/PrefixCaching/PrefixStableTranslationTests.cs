using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.PrefixCaching;

/// <summary>
/// Upstream prompt caches (OpenAI's and Gemini's implicit prefix caching, and relays in front of them)
/// hit only when a request starts with the previous request's bytes. A Claude Code session translated
/// turn by turn (see <see cref="ClaudeCodeConversation"/>) must therefore keep every message it already
/// sent byte for byte, at the same index, and its system prompt unchanged — also on the turns where a
/// mid-conversation system message appears.
/// </summary>
public sealed class PrefixStableTranslationTests
{
    private const int Turns = 20;

    private static readonly IReadOnlyList<ClaudeCodeConversation.Turn> Conversation = ClaudeCodeConversation.Requests(Turns);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_turn_of_a_Claude_Code_conversation_extends_the_previous_turns_Chat_Completions_messages_byte_for_byte(bool systemMessagesInPlace)
    {
        var options = new ChatRequestOptions { Model = "gpt-5", SystemMessagesInPlace = systemMessagesInPlace };

        var bodies = Conversation.Select(turn => MapChat(turn.Body, options)).ToList();

        AssertEachExtendsThePrevious(bodies, "messages");
        for (var i = 1; i < bodies.Count; i++)
        {
            // messages follows model, so the previous body up to its last message is a byte prefix of the next one.
            Assert.StartsWith(UpToLastElement(bodies[i - 1], "messages"), Encoding.UTF8.GetString(bodies[i]), StringComparison.Ordinal);
        }

        Assert.Equal(bodies[^1], MapChat(Conversation[^1].Body, options));
    }

    [Fact]
    public void Each_turn_of_a_Claude_Code_conversation_extends_the_previous_turns_Gemini_contents_under_the_same_system_instruction()
    {
        var options = new GeminiRequestOptions { Model = "gemini-3-pro-preview" };

        var bodies = Conversation.Select(turn => MapGemini(turn.Body, options)).ToList();

        AssertEachExtendsThePrevious(bodies, "contents");
        for (var i = 1; i < bodies.Count; i++)
        {
            Assert.True(Raw(bodies[i - 1], "systemInstruction") == Raw(bodies[i], "systemInstruction"), $"turn {i + 1}: systemInstruction is not turn {i}'s:\n{Raw(bodies[i], "systemInstruction")}");
        }

        Assert.Equal(bodies[^1], MapGemini(Conversation[^1].Body, options));
    }

    [Fact]
    public void Mid_conversation_system_text_stays_at_its_turn_as_a_tagged_note_in_a_Chat_Completions_user_message()
    {
        var options = new ChatRequestOptions { Model = "gpt-5" };

        foreach (var turn in Conversation)
        {
            using var body = JsonDocument.Parse(MapChat(turn.Body, options));
            var messages = body.RootElement.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal("system", messages[0].GetProperty("role").GetString());
            Assert.Equal(
                "You are Claude Code, Anthropic's official CLI for Claude.\n\nYou are an interactive CLI tool that helps users with software engineering tasks.\n<env>\nWorking directory: /home/dev/app\nPlatform: linux\n</env>",
                messages[0].GetProperty("content").GetString());
            Assert.DoesNotContain(messages.Skip(1), m => m.GetProperty("role").GetString() == "system");
            var userTexts = messages.Where(m => m.GetProperty("role").GetString() == "user").SelectMany(ChatTexts).ToList();
            AssertEachNoteOnce(turn, string.Join("\n", userTexts));
        }
    }

    [Fact]
    public void Mid_conversation_system_text_stays_at_its_turn_as_a_tagged_note_in_a_Gemini_user_turn()
    {
        var options = new GeminiRequestOptions { Model = "gemini-3-pro-preview" };

        foreach (var turn in Conversation)
        {
            using var body = JsonDocument.Parse(MapGemini(turn.Body, options));
            var instruction = GeminiTexts(body.RootElement.GetProperty("systemInstruction")).ToList();
            Assert.Equal(["You are Claude Code, Anthropic's official CLI for Claude.", "You are an interactive CLI tool that helps users with software engineering tasks.\n<env>\nWorking directory: /home/dev/app\nPlatform: linux\n</env>"], instruction);
            var userTexts = body.RootElement.GetProperty("contents").EnumerateArray()
                .Where(c => c.GetProperty("role").GetString() == "user").SelectMany(GeminiTexts).ToList();
            AssertEachNoteOnce(turn, string.Join("\n", userTexts));
        }
    }

    [Fact]
    public void With_foldSystemMessages_the_Chat_Completions_leading_system_message_gathers_them_and_changes_when_one_appears()
    {
        var options = new ChatRequestOptions { Model = "gpt-5", FoldSystemMessages = true };

        var systems = new List<string>();
        foreach (var turn in Conversation)
        {
            using var body = JsonDocument.Parse(MapChat(turn.Body, options));
            var messages = body.RootElement.GetProperty("messages").EnumerateArray().ToList();
            var system = messages[0].GetProperty("content").GetString()!;
            Assert.EndsWith(string.Concat(turn.SystemTexts.Select(text => "\n\n" + text)), system, StringComparison.Ordinal);
            var userTexts = string.Join("\n", messages.Where(m => m.GetProperty("role").GetString() == "user").SelectMany(ChatTexts));
            Assert.All(turn.SystemTexts, text => Assert.DoesNotContain(text, userTexts, StringComparison.Ordinal));
            systems.Add(system);
        }

        AssertChangesExactlyWhereSystemTextAppears(systems);
    }

    [Fact]
    public void With_foldSystemMessages_the_Gemini_system_instruction_gathers_them_and_changes_when_one_appears()
    {
        var options = new GeminiRequestOptions { Model = "gemini-3-pro-preview", FoldSystemMessages = true };

        var instructions = new List<string>();
        foreach (var turn in Conversation)
        {
            using var body = JsonDocument.Parse(MapGemini(turn.Body, options));
            var instruction = GeminiTexts(body.RootElement.GetProperty("systemInstruction")).ToList();
            Assert.Equal(string.Join("\n\n", turn.SystemTexts), string.Join("\n\n", instruction.Skip(2)));
            var userTexts = string.Join("\n", body.RootElement.GetProperty("contents").EnumerateArray()
                .Where(c => c.GetProperty("role").GetString() == "user").SelectMany(GeminiTexts));
            Assert.All(turn.SystemTexts, text => Assert.DoesNotContain(text, userTexts, StringComparison.Ordinal));
            instructions.Add(string.Join("\n", instruction));
        }

        AssertChangesExactlyWhereSystemTextAppears(instructions);
    }

    /// <summary>Every element of each turn's array is byte-identical to the same index of the next turn's, which has more.</summary>
    private static void AssertEachExtendsThePrevious(List<byte[]> bodies, string array)
    {
        for (var i = 1; i < bodies.Count; i++)
        {
            using var before = JsonDocument.Parse(bodies[i - 1]);
            using var after = JsonDocument.Parse(bodies[i]);
            var earlier = before.RootElement.GetProperty(array);
            var later = after.RootElement.GetProperty(array);
            Assert.True(later.GetArrayLength() > earlier.GetArrayLength(), $"turn {i + 1}: {array} has {later.GetArrayLength()} elements, turn {i} had {earlier.GetArrayLength()}");
            for (var e = 0; e < earlier.GetArrayLength(); e++)
            {
                // GetRawText is the body's own text of the element, so equal strings are equal bytes.
                Assert.True(
                    earlier[e].GetRawText() == later[e].GetRawText(),
                    $"turn {i + 1}: {array}[{e}] is not turn {i}'s:\n{earlier[e].GetRawText()}\n{later[e].GetRawText()}");
            }
        }
    }

    /// <summary>The body's text up to (not including) the closing bracket of <paramref name="array"/>.</summary>
    private static string UpToLastElement(byte[] body, string array)
    {
        var text = Encoding.UTF8.GetString(body);
        var raw = Raw(body, array);
        var at = text.IndexOf(raw, StringComparison.Ordinal);
        Assert.True(at > 0);
        return text[..(at + raw.Length - 1)];
    }

    private static void AssertEachNoteOnce(ClaudeCodeConversation.Turn turn, string userText)
    {
        foreach (var text in turn.SystemTexts)
        {
            var note = $"<system-reminder>\n{text}\n</system-reminder>";
            var first = userText.IndexOf(note, StringComparison.Ordinal);
            Assert.True(first >= 0, $"turn {turn.Number}: no user text holds the note {note}");
            Assert.True(userText.IndexOf(note, first + 1, StringComparison.Ordinal) < 0, $"turn {turn.Number}: the note is there twice: {note}");
        }
    }

    /// <summary>Folded, the system prompt differs from the previous turn's exactly on the turns that brought a new system message.</summary>
    private static void AssertChangesExactlyWhereSystemTextAppears(List<string> systems)
    {
        var changed = Enumerable.Range(1, Conversation.Count - 1).Where(i => systems[i] != systems[i - 1]);
        var appeared = Enumerable.Range(1, Conversation.Count - 1).Where(i => Conversation[i].SystemTexts.Count > Conversation[i - 1].SystemTexts.Count);
        Assert.NotEmpty(appeared);
        Assert.Equal(appeared, changed);
    }

    private static IEnumerable<string> ChatTexts(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? [content.GetString()!]
            : content.EnumerateArray().Where(p => p.GetProperty("type").GetString() == "text").Select(p => p.GetProperty("text").GetString()!);
    }

    private static IEnumerable<string> GeminiTexts(JsonElement content) =>
        content.GetProperty("parts").EnumerateArray().Where(p => p.TryGetProperty("text", out _)).Select(p => p.GetProperty("text").GetString()!);

    private static string Raw(byte[] body, string property)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty(property).GetRawText();
    }

    private static byte[] MapChat(byte[] request, ChatRequestOptions options)
    {
        using var mapping = ChatRequestMapper.Map(request, options);
        return mapping.Body.ToArray();
    }

    private static byte[] MapGemini(byte[] request, GeminiRequestOptions options)
    {
        using var mapping = GeminiRequestMapper.Map(request, options);
        return mapping.Body.ToArray();
    }
}
