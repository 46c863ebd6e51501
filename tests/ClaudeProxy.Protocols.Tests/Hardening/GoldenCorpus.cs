using ClaudeProxy.Protocols.Tests.Golden;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>The seeds of the bad-input corpus: the valid inputs of every shape the golden fixtures hold.</summary>
internal static class GoldenCorpus
{
    /// <summary>Every valid Anthropic request of the OpenAI, Gemini and Responses request goldens.</summary>
    public static IReadOnlyList<byte[]> Requests { get; } = Load(GoldenKind.Request, "anthropic.json", skipIf: "expected-error.txt");

    public static IReadOnlyList<byte[]> OpenAIResponses { get; } = Load(GoldenPaths.OpenAI, GoldenKind.Response, "upstream.json");

    public static IReadOnlyList<byte[]> GeminiResponses { get; } = Load(GoldenPaths.Gemini, GoldenKind.Response, "upstream.json");

    public static IReadOnlyList<byte[]> OpenAIStreams { get; } = Load(GoldenPaths.OpenAI, GoldenKind.Stream, "upstream.sse");

    public static IReadOnlyList<byte[]> GeminiStreams { get; } = Load(GoldenPaths.Gemini, GoldenKind.Stream, "upstream.sse");

    private static List<byte[]> Load(string kind, string file, string skipIf) =>
        [.. Load(GoldenPaths.OpenAI, kind, file, skipIf), .. Load(GoldenPaths.Gemini, kind, file, skipIf), .. Load(GoldenPaths.Responses, kind, file, skipIf)];

    private static List<byte[]> Load(GoldenPaths paths, string kind, string file, string? skipIf = null) =>
        [.. GoldenCase.CaseFolders(paths, kind)
            .Order(StringComparer.Ordinal)
            .Where(folder => File.Exists(Path.Combine(folder, file)) && (skipIf is null || !File.Exists(Path.Combine(folder, skipIf))))
            .Select(folder => File.ReadAllBytes(Path.Combine(folder, file)))];
}
