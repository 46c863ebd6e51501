using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// <c>thinking</c> and <c>output_config.effort</c> as Gemini's <c>thinkingConfig</c>, only for channels
/// that declared their models take it: Gemini 2.5 a <c>thinkingBudget</c> (clamped to the model's
/// range; -1 lets the model decide), Gemini 3 a <c>thinkingLevel</c>. Thought text is asked for
/// whenever thinking is on, so it can become thinking blocks.
/// </summary>
internal static class GeminiThinking
{
    public static void Write(Utf8JsonWriter writer, ReasoningEffort reasoning, GeminiRequestOptions options, int? maxOutputTokens, List<string> notes)
    {
        switch (options.Reasoning)
        {
            case ReasoningStyle.GeminiBudget when reasoning.Requested:
                writer.WriteStartObject("thinkingConfig"u8);
                writer.WriteNumber("thinkingBudget"u8, Budget(reasoning, options.Model, maxOutputTokens, notes));
                writer.WriteBoolean("includeThoughts"u8, true);
                writer.WriteEndObject();
                break;
            case ReasoningStyle.GeminiBudget when reasoning.ExplicitlyDisabled:
                if (GeminiModels.ThinkingBudgetRange(options.Model).CanDisable)
                {
                    writer.WriteStartObject("thinkingConfig"u8);
                    writer.WriteNumber("thinkingBudget"u8, 0);
                    writer.WriteEndObject();
                }
                else
                {
                    notes.Add($"thinking is disabled in the request, but {options.Model} cannot turn thinking off; left at the model's default.");
                }

                break;
            case ReasoningStyle.GeminiLevel when reasoning.Requested:
                writer.WriteStartObject("thinkingConfig"u8);
                if (reasoning.Effort is not null || reasoning.BudgetTokens is not null)
                {
                    writer.WriteString("thinkingLevel"u8, reasoning.Level switch
                    {
                        "low" => "LOW"u8,
                        "medium" when GeminiModels.TakesMediumThinkingLevel(options.Model) => "MEDIUM"u8,
                        _ => "HIGH"u8,
                    });
                }

                writer.WriteBoolean("includeThoughts"u8, true);
                writer.WriteEndObject();
                break;
        }
    }

    private static int Budget(ReasoningEffort reasoning, string model, int? maxOutputTokens, List<string> notes)
    {
        var (min, max, _) = GeminiModels.ThinkingBudgetRange(model);
        if (reasoning.BudgetTokens is null)
        {
            if (reasoning.Effort is null)
            {
                // Adaptive thinking: the model decides.
                return -1;
            }

            // A budget of our choosing leaves at least half the output limit for the answer.
            var derived = reasoning.Level switch
            {
                "low" => 1024,
                "medium" => 8192,
                _ => 24576,
            };
            return Math.Clamp(maxOutputTokens is { } cap ? Math.Min(derived, cap / 2) : derived, min, max);
        }

        var requested = reasoning.BudgetTokens.Value;
        var budget = Math.Clamp(requested, min, max);
        if (budget != requested)
        {
            notes.Add($"thinking budget {requested} clamped to {budget}, the range {model} takes.");
        }

        if (maxOutputTokens is { } limit && budget >= limit)
        {
            notes.Add($"thinking budget {budget} is not below maxOutputTokens {limit}; Gemini counts thinking against the output limit.");
        }

        return budget;
    }
}
