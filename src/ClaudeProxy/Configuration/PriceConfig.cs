using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeProxy.Configuration;

/// <summary>
/// One entry of the config's <c>prices</c> object: USD per million tokens for the models its
/// pattern matches. <see cref="Input"/> and <see cref="Output"/> are required; a cache price left
/// out is charged at the input price, since no discount is known. A field that is not a number
/// arrives as NaN (see <see cref="PriceNumberConverter"/>) so validation can name it.
/// </summary>
public sealed record PriceConfig
{
    public static readonly IReadOnlyList<string> FieldNames = ["input", "output", "cacheRead", "cacheWrite"];

    [JsonPropertyName("input")]
    [JsonConverter(typeof(PriceNumberConverter))]
    public double? Input { get; init; }

    [JsonPropertyName("output")]
    [JsonConverter(typeof(PriceNumberConverter))]
    public double? Output { get; init; }

    /// <summary>Tokens read from the prompt cache (Anthropic cache hits, OpenAI cached input, Gemini cached content).</summary>
    [JsonPropertyName("cacheRead")]
    [JsonConverter(typeof(PriceNumberConverter))]
    public double? CacheRead { get; init; }

    /// <summary>Tokens written to the prompt cache (Anthropic's cache creation).</summary>
    [JsonPropertyName("cacheWrite")]
    [JsonConverter(typeof(PriceNumberConverter))]
    public double? CacheWrite { get; init; }

    /// <summary>Fields we do not know; kept so validation can name them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
