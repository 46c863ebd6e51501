using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>What the gateway must know about a Gemini model from its name alone.</summary>
public static partial class GeminiModels
{
    /// <summary>
    /// The documented value that stands in for a thought signature Gemini never gave us (history from
    /// another provider, or a forgotten one); Gemini 3 rejects function-call turns without one.
    /// </summary>
    public const string SkipSignatureValidator = "skip_thought_signature_validator";

    /// <summary>
    /// True unless the name says Gemini 1.x or 2.x (or Gemma): those do not check signatures, while
    /// Gemini 3 and anything unrecognised (an alias on a relay) might.
    /// </summary>
    public static bool ValidatesThoughtSignatures(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Contains("gemma", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var match = GeminiVersion().Match(model);
        return !match.Success || int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture) >= 3;
    }

    /// <summary>The thinking budgets a model takes (Pro: 128–32768, Flash-Lite: 512–24576, Flash: 0–24576) and whether 0 turns thinking off.</summary>
    public static (int Min, int Max, bool CanDisable) ThinkingBudgetRange(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Contains("pro", StringComparison.OrdinalIgnoreCase))
        {
            return (128, 32768, false);
        }

        return model.Contains("lite", StringComparison.OrdinalIgnoreCase) ? (512, 24576, true) : (1, 24576, true);
    }

    /// <summary>Gemini 3 Pro takes only LOW and HIGH thinking levels; Flash models take MEDIUM (and MINIMAL) too.</summary>
    public static bool TakesMediumThinkingLevel(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return !model.Contains("pro", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"gemini-(?<major>\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GeminiVersion();
}
