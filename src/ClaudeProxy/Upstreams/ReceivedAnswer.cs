namespace ClaudeProxy.Upstreams;

/// <summary>
/// What reading a 2xx answer up to its commit point gave: the answer to write, or a failure the
/// 2xx turned out to carry (an <c>error</c> event before anything else), which fails over like a 5xx.
/// </summary>
public readonly record struct ReceivedAnswer(IUpstreamAnswer? Answer, UpstreamFailure? Failure)
{
    public static ReceivedAnswer Ready(IUpstreamAnswer answer) => new(answer, null);

    public static ReceivedAnswer Failed(UpstreamFailure failure) => new(null, failure);
}
