using System.Text;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Tokens;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// The local <c>count_tokens</c> answer reads the same bodies: mutated golden requests give a count
/// or a <see cref="FormatException"/> (which the gateway answers as a 400), nothing else.
/// </summary>
public sealed class TokenCounterFuzzTests
{
    [Fact]
    public void Mutated_requests_are_counted_or_refused_with_a_format_exception()
    {
        FuzzRun.Check(JsonMutator.Of(GoldenCorpus.Requests), defaultIterations: 200, body =>
        {
            try
            {
                Assert.True(MessageTokenCounter.Count(body) >= 0);
            }
            catch (FormatException)
            {
            }
        }, body => Encoding.UTF8.GetString(body));
    }
}
