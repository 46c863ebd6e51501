using System.Text.Json;
using ClaudeProxy.Protocols.Translation;
using Xunit;

namespace ClaudeProxy.Protocols.Tests;

public sealed class JsonBalanceTests
{
    private const string Arguments = """{"path":"src/a \"b\".cs","edits":[{"old":"{[","new":"]}"},{"old":"\\","new":"x"}],"n":3}""";

    [Fact]
    public void Arguments_streamed_one_character_at_a_time_may_be_complete_only_at_their_last_character()
    {
        var balance = new JsonBalance();

        for (var i = 0; i < Arguments.Length; i++)
        {
            balance.Append(Arguments.AsSpan(i, 1));
            Assert.Equal(i == Arguments.Length - 1, balance.MayBeComplete);
        }
    }

    [Fact]
    public void Brackets_and_quotes_inside_strings_do_not_count()
    {
        var balance = new JsonBalance();

        balance.Append(@"{""a"":""}]\""");

        Assert.False(balance.MayBeComplete);
        balance.Append(@"x""}");
        Assert.True(balance.MayBeComplete);
    }

    [Fact]
    public void Whitespace_alone_has_not_begun_a_value()
    {
        var balance = new JsonBalance();

        balance.Append(" \n\t");

        Assert.False(balance.MayBeComplete);
    }

    [Fact]
    public void Any_split_of_a_tool_call_agrees_with_a_full_parse_at_the_end()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var balance = new JsonBalance();
            var at = 0;
            while (at < Arguments.Length)
            {
                var length = Math.Min(random.Next(1, 9), Arguments.Length - at);
                balance.Append(Arguments.AsSpan(at, length));
                at += length;
                if (at < Arguments.Length)
                {
                    Assert.False(balance.MayBeComplete);
                }
            }

            Assert.True(balance.MayBeComplete);
        }

        using var parsed = JsonDocument.Parse(Arguments);
        Assert.Equal(3, parsed.RootElement.GetProperty("n").GetInt32());
    }
}
