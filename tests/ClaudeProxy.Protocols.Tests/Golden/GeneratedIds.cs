using System.Text.RegularExpressions;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// Replaces the ids the gateway mints (<c>msg_</c> + 24 hex, <c>toolu_</c> + 24 alphanumerics) by
/// placeholders numbered in order of first appearance, so goldens can compare them; ids that came
/// from the upstream are left alone.
/// </summary>
internal static partial class GeneratedIds
{
    public const string MessageId = "msg_GENERATED";

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = MessageIdPattern().Replace(text, MessageId);
        var toolIds = new Dictionary<string, string>(StringComparer.Ordinal);
        return ToolUseIdPattern().Replace(text, match =>
        {
            if (!toolIds.TryGetValue(match.Value, out var placeholder))
            {
                placeholder = $"toolu_GENERATED_{toolIds.Count + 1}";
                toolIds.Add(match.Value, placeholder);
            }

            return placeholder;
        });
    }

    [GeneratedRegex(@"\bmsg_[0-9a-f]{24}\b")]
    private static partial Regex MessageIdPattern();

    [GeneratedRegex(@"\btoolu_[A-Za-z0-9]{24}\b")]
    private static partial Regex ToolUseIdPattern();
}
