namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// How a channel's models take reasoning controls. Non-reasoning models reject them (OpenAI answers
/// 400 to <c>reasoning_effort</c>), so nothing is sent unless a channel says which style it speaks.
/// </summary>
public enum ReasoningStyle
{
    /// <summary>Drop <c>thinking</c> and <c>output_config.effort</c>.</summary>
    None,

    /// <summary>OpenAI <c>reasoning_effort</c>.</summary>
    OpenAIEffort,

    /// <summary>DeepSeek-style <c>thinking: {type}</c>, with earlier reasoning replayed as <c>reasoning_content</c>.</summary>
    DeepSeekThinking,

    /// <summary>Gemini <c>thinkingConfig.thinkingBudget</c>.</summary>
    GeminiBudget,

    /// <summary>Gemini 3 <c>thinkingConfig.thinkingLevel</c>.</summary>
    GeminiLevel,
}
