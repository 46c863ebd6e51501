namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>The kinds of golden every provider has, each a folder of cases under the provider's root.</summary>
internal static class GoldenKind
{
    public const string Request = "request";
    public const string Response = "response";
    public const string Stream = "stream";
    public const string Error = "error";
}
