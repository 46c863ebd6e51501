using System.Collections.Frozen;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>The <c>type</c>s of the Responses stream events the translation acts on, and those it may ignore without a note.</summary>
internal static class ResponsesEvents
{
    public const string OutputItemAdded = "response.output_item.added";
    public const string OutputItemDone = "response.output_item.done";
    public const string OutputTextDelta = "response.output_text.delta";
    public const string RefusalDelta = "response.refusal.delta";
    public const string FunctionCallArgumentsDelta = "response.function_call_arguments.delta";
    public const string ReasoningSummaryTextDelta = "response.reasoning_summary_text.delta";
    public const string ReasoningTextDelta = "response.reasoning_text.delta";
    public const string Completed = "response.completed";
    public const string Incomplete = "response.incomplete";
    public const string Failed = "response.failed";
    public const string Error = "error";

    public static ReadOnlySpan<byte> OutputTextDeltaUtf8 => "response.output_text.delta"u8;

    /// <summary>
    /// Events that only announce or repeat what the deltas and <c>response.output_item.done</c> carry, or
    /// report progress.
    /// </summary>
    public static readonly FrozenSet<string> Redundant = new[]
    {
        "response.created",
        "response.in_progress",
        "response.queued",
        "response.content_part.added",
        "response.content_part.done",
        "response.output_text.done",
        "response.output_text.annotation.added",
        "response.refusal.done",
        "response.function_call_arguments.done",
        "response.reasoning_summary_part.added",
        "response.reasoning_summary_part.done",
        "response.reasoning_summary_text.done",
        "response.reasoning_text.done",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The events of output items the gateway never asks for (hosted tools, custom tools): the item's
    /// <c>response.output_item.added</c> already reported it is skipped.
    /// </summary>
    public static bool BelongsToSkippedItem(string type) =>
        type.StartsWith("response.web_search_call.", StringComparison.Ordinal)
        || type.StartsWith("response.file_search_call.", StringComparison.Ordinal)
        || type.StartsWith("response.code_interpreter_call", StringComparison.Ordinal)
        || type.StartsWith("response.image_generation_call.", StringComparison.Ordinal)
        || type.StartsWith("response.mcp_", StringComparison.Ordinal)
        || type.StartsWith("response.custom_tool_call_input.", StringComparison.Ordinal);
}
