using ClaudeProxy.Hosting;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ClaudeProxy.Tests.Hosting;

public sealed class RequestIdsTests
{
    [Fact]
    public void A_request_id_is_req_followed_by_twenty_four_base62_characters()
    {
        var id = RequestIds.NewId();

        Assert.Matches("^req_[0-9A-Za-z]{24}$", id);
    }

    [Fact]
    public void Ten_thousand_request_ids_are_all_different()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(ids.Add(RequestIds.NewId()));
        }
    }

    [Fact]
    public void A_request_keeps_the_id_it_was_given_first()
    {
        var context = new DefaultHttpContext();

        var first = RequestIds.Get(context);

        Assert.Equal(first, RequestIds.Get(context));
        Assert.Equal(first, context.TraceIdentifier);
    }
}
