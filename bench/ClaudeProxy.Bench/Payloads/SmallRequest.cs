using System.Text;

namespace ClaudeProxy.Bench.Payloads;

/// <summary>A short one-turn Messages request, the passthrough case.</summary>
internal static class SmallRequest
{
    public static byte[] Build(string model) => Encoding.UTF8.GetBytes(
        $$"""{"model":"{{model}}","max_tokens":256,"messages":[{"role":"user","content":"Say hello in one short sentence."}]}""");
}
