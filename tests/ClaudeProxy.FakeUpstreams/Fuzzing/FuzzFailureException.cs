namespace ClaudeProxy.FakeUpstreams.Fuzzing;

/// <summary>A property failed for a generated input; the message says which and how to replay it.</summary>
public sealed class FuzzFailureException : Exception
{
    public FuzzFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FuzzFailureException()
    {
    }

    public FuzzFailureException(string message)
        : base(message)
    {
    }
}
