namespace ClaudeProxy.Observability.Cost;

/// <summary>
/// List prices, USD per million tokens, of the models a channel most often bills. Prices change:
/// the config's <c>prices</c> object overrides any entry here. Where the figures come from:
/// Anthropic's from its pricing page (platform.claude.com, "Pricing"), as published in December 2026;
/// OpenAI's and Google's are their list prices as published in late 2025 (developers.openai.com
/// "Pricing", ai.google.dev "Gemini Developer API pricing"), which 2026 summaries of those pages still
/// quote. The Gemini 3 Pro preview's context-caching price ($0.20) is the November 2025 figure and
/// could not be confirmed since.
/// <para>
/// Anthropic: cache writes at the 5-minute rate (1.25 × input), cache reads at 0.1 × input.
/// OpenAI: cache reads at the "cached input" price; writes are not billed, so they cost the input price.
/// Google: cache reads at the context-caching price (the ≤ 200K-token tier; hourly storage is not
/// per request and is left out); writes cost the input price.
/// Long-context tiers (Gemini Pro above 200K prompt tokens, Claude Sonnet 4/4.5 above 200K) are
/// not modelled: such requests come out low.
/// </para>
/// <para>
/// Patterns are narrow on purpose: a model is left unpriced (cost null) rather than given a
/// neighbour's price. Left out for that reason: Claude models of the 5 generation other than Opus 5
/// (Sonnet 5/5.5, Opus 5.5, Haiku 5.5 — the sources disagreed on their cache prices, and Haiku 5.5
/// is priced by prompt length), OpenAI gpt-5.2 and later point releases, o3-pro and the
/// deep-research models, Gemini image and audio variants.
/// </para>
/// </summary>
public static class BuiltInPrices
{
    // Anthropic — base input and output; the 5-minute cache write and the cache hit follow from input.
    private static readonly ModelPrice Opus45To5 = Anthropic(input: 5, output: 25);
    private static readonly ModelPrice Opus4 = Anthropic(input: 15, output: 75);
    private static readonly ModelPrice Sonnet = Anthropic(input: 3, output: 15);
    private static readonly ModelPrice Haiku45 = Anthropic(input: 1, output: 5);
    private static readonly ModelPrice Haiku35 = Anthropic(input: 0.80, output: 4);

    // Claude Haiku 3's cache write is listed at $0.30 (1.2 × input), not 1.25 ×.
    private static readonly ModelPrice Haiku3 = new(Input: 0.25, Output: 1.25, CacheRead: 0.03, CacheWrite: 0.30);

    // OpenAI — input, output, cached input.
    private static readonly ModelPrice Gpt5 = OpenAI(input: 1.25, output: 10, cachedInput: 0.125);
    private static readonly ModelPrice Gpt5Mini = OpenAI(input: 0.25, output: 2, cachedInput: 0.025);
    private static readonly ModelPrice Gpt5Nano = OpenAI(input: 0.05, output: 0.40, cachedInput: 0.005);

    // gpt-5-pro has no cached-input price: cached tokens cost full input.
    private static readonly ModelPrice Gpt5Pro = OpenAI(input: 15, output: 120, cachedInput: 15);
    private static readonly ModelPrice Gpt41 = OpenAI(input: 2, output: 8, cachedInput: 0.50);
    private static readonly ModelPrice Gpt41Mini = OpenAI(input: 0.40, output: 1.60, cachedInput: 0.10);
    private static readonly ModelPrice Gpt41Nano = OpenAI(input: 0.10, output: 0.40, cachedInput: 0.025);
    private static readonly ModelPrice Gpt4o = OpenAI(input: 2.50, output: 10, cachedInput: 1.25);
    private static readonly ModelPrice Gpt4oMini = OpenAI(input: 0.15, output: 0.60, cachedInput: 0.075);
    private static readonly ModelPrice O3 = OpenAI(input: 2, output: 8, cachedInput: 0.50);
    private static readonly ModelPrice O3Mini = OpenAI(input: 1.10, output: 4.40, cachedInput: 0.55);
    private static readonly ModelPrice O4Mini = OpenAI(input: 1.10, output: 4.40, cachedInput: 0.275);

    // Google — input, output, context-caching price (text; prompts ≤ 200K tokens where tiered).
    private static readonly ModelPrice Gemini25Pro = Google(input: 1.25, output: 10, cached: 0.125);
    private static readonly ModelPrice Gemini25Flash = Google(input: 0.30, output: 2.50, cached: 0.03);
    private static readonly ModelPrice Gemini25FlashLite = Google(input: 0.10, output: 0.40, cached: 0.01);
    private static readonly ModelPrice Gemini3ProPreview = Google(input: 2, output: 12, cached: 0.20);

    /// <summary>The built-in rules; <see cref="PriceTable"/> orders them by specificity.</summary>
    public static IReadOnlyList<PriceRule> Rules { get; } =
    [
        // Claude: ids such as claude-sonnet-4-5-20250929, their aliases (claude-sonnet-4-5, claude-opus-4-0)
        // and the older claude-3-… names.
        new("claude-opus-5", Opus45To5),
        new("claude-opus-5-20*", Opus45To5),
        new("claude-opus-4-8*", Opus45To5),
        new("claude-opus-4-7*", Opus45To5),
        new("claude-opus-4-6*", Opus45To5),
        new("claude-opus-4-5*", Opus45To5),
        new("claude-opus-4-1*", Opus4),
        new("claude-opus-4-0*", Opus4),
        new("claude-opus-4-20*", Opus4),
        new("claude-3-opus*", Opus4),
        new("claude-sonnet-4*", Sonnet),
        new("claude-3-7-sonnet*", Sonnet),
        new("claude-3-5-sonnet*", Sonnet),
        new("claude-haiku-4-5*", Haiku45),
        new("claude-3-5-haiku*", Haiku35),
        new("claude-3-haiku*", Haiku3),

        // OpenAI: the model and its dated snapshots (gpt-4.1-2025-04-14); not gpt-5* as a whole, which
        // would price gpt-5.2 and later point releases as gpt-5.
        new("gpt-5", Gpt5),
        new("gpt-5-20*", Gpt5),
        new("gpt-5-chat-latest", Gpt5),
        new("gpt-5-codex", Gpt5),
        new("gpt-5.1", Gpt5),
        new("gpt-5.1-20*", Gpt5),
        new("gpt-5.1-chat-latest", Gpt5),
        new("gpt-5.1-codex", Gpt5),
        new("gpt-5-mini*", Gpt5Mini),
        new("gpt-5-nano*", Gpt5Nano),
        new("gpt-5-pro*", Gpt5Pro),
        new("gpt-4.1*", Gpt41),
        new("gpt-4.1-mini*", Gpt41Mini),
        new("gpt-4.1-nano*", Gpt41Nano),
        new("gpt-4o*", Gpt4o),
        new("gpt-4o-mini*", Gpt4oMini),
        new("o3", O3),
        new("o3-20*", O3),
        new("o3-mini*", O3Mini),
        new("o4-mini", O4Mini),
        new("o4-mini-20*", O4Mini),

        // Gemini: gemini-2.5-pro covers its previews (same price); 2.5 Flash only by its stable name,
        // since its previews and image/audio variants were priced differently.
        new("gemini-2.5-pro*", Gemini25Pro),
        new("gemini-2.5-flash", Gemini25Flash),
        new("gemini-2.5-flash-lite*", Gemini25FlashLite),
        new("gemini-3-pro-preview*", Gemini3ProPreview),
    ];

    private static ModelPrice Anthropic(double input, double output) =>
        new(Input: input, Output: output, CacheRead: input / 10, CacheWrite: input * 1.25);

    private static ModelPrice OpenAI(double input, double output, double cachedInput) =>
        new(Input: input, Output: output, CacheRead: cachedInput, CacheWrite: input);

    private static ModelPrice Google(double input, double output, double cached) =>
        new(Input: input, Output: output, CacheRead: cached, CacheWrite: input);
}
