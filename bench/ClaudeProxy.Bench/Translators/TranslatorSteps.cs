namespace ClaudeProxy.Bench.Translators;

/// <summary>The benchmarks' display names, shared by the benchmark attributes and the target checks.</summary>
internal static class TranslatorSteps
{
    public const string PassthroughPeek = "peek, small (b)";
    public const string LargePeek = "peek, large";
    public const string LargeReaderFloor = "bare Utf8JsonReader pass, large (floor)";
    public const string OpenAIRequest = "OpenAI request mapping (c, d)";
    public const string GeminiRequest = "Gemini request mapping (e)";
    public const string OpenAIResponse = "OpenAI response mapping (c)";
    public const string OpenAIStream = "OpenAI stream, 300 events (d)";
    public const string GeminiStream = "Gemini stream, 300 events (e)";
}
