using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Affinity;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

public sealed class ConversationKeyTests
{
    private static ulong? Of(string body, params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        using var parsed = ParsedMessageRequest.TryParse(System.Text.Encoding.UTF8.GetBytes(body), out _);
        return ConversationKey.Of(dictionary, parsed);
    }

    [Fact]
    public void Claude_Code_s_session_header_names_the_conversation_before_anything_else()
    {
        var key = Of("""{"model":"m","metadata":{"user_id":"user_abc_account__session_other"}}""", ("x-claude-code-session-id", "s-1"), ("session_id", "s-2"));

        Assert.Equal(Rendezvous.Hash("s-1"), key);
    }

    [Fact]
    public void A_user_id_holding_a_lone_surrogate_escape_names_no_conversation_and_the_session_header_still_counts()
    {
        Assert.Null(Of("""{"model":"m","metadata":{"user_id":"\udc00"}}"""));
        Assert.Equal(Rendezvous.Hash("s-2"), Of("""{"model":"m","metadata":{"user_id":"\udc00"}}""", ("session_id", "s-2")));
        Assert.Equal("""{"session_id":"\udc00"}""", ConversationKey.SessionOf("""{"session_id":"\udc00"}"""));
    }

    [Theory]
    [InlineData("user_5d8e_account__session_9b2e4c7a-1111", "9b2e4c7a-1111")]
    [InlineData("""{"device_id":"d1","account_uuid":"","session_id":"9b2e4c7a-2222"}""", "9b2e4c7a-2222")]
    [InlineData("an-sdk-user", "an-sdk-user")]
    [InlineData("{not json", "{not json")]
    public void The_session_of_a_user_id_is_its_session_part_or_else_the_whole_id(string userId, string session)
    {
        Assert.Equal(session, ConversationKey.SessionOf(userId));
    }

    [Fact]
    public void The_session_part_of_metadata_user_id_names_the_conversation_without_the_header()
    {
        var key = Of("""{"model":"m","metadata":{"user_id":"user_abc_account__session_s-9"}}""", ("session_id", "s-2"));

        Assert.Equal(Rendezvous.Hash("s-9"), key);
    }

    [Theory]
    [InlineData("conversation_id")]
    [InlineData("session_id")]
    [InlineData("x-session-id")]
    public void Other_clients_session_headers_name_the_conversation(string header)
    {
        Assert.Equal(Rendezvous.Hash("c-5"), Of("""{"model":"m"}""", (header, "c-5")));
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","metadata":{"user_id":""}}""")]
    [InlineData("""{"model":"m","metadata":{"user_id":42}}""")]
    [InlineData("""{"model":"m","metadata":"x"}""")]
    public void A_request_that_names_no_conversation_has_no_key(string body)
    {
        Assert.Null(Of(body, ("x-claude-code-session-id", " ")));
    }
}
