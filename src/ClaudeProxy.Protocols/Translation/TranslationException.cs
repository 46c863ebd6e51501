namespace ClaudeProxy.Protocols.Translation;

/// <summary>A client request that cannot be translated; the message says why (it becomes a 400 invalid_request_error).</summary>
public sealed class TranslationException : Exception
{
    public TranslationException(string message)
        : base(message)
    {
    }

    public TranslationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TranslationException()
    {
    }
}
