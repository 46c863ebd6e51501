namespace ClaudeProxy.Panel.Channels;

/// <summary>
/// Finds API keys in free text: a whole run of key characters ([A-Za-z0-9_-]) that starts with sk- (sk-ant-…,
/// sk-proj-…, sk-…) or AIza and has at least 16 characters after that prefix. Hand-written rather than a
/// regex: a regex pulls the interpreter into the panel's download.
/// </summary>
internal static class KeyScanner
{
    private const int MinimumAfterPrefix = 16;

    private static readonly string[] Prefixes = ["sk-", "AIza"];

    /// <summary>The keys in <paramref name="text"/>, in order.</summary>
    public static List<string> FindAll(string text)
    {
        var keys = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            if (!IsKeyChar(text[start]))
            {
                start++;
                continue;
            }

            var end = start;
            while (end < text.Length && IsKeyChar(text[end]))
            {
                end++;
            }

            var run = text[start..end];
            if (Array.Exists(Prefixes, p => run.StartsWith(p, StringComparison.Ordinal) && run.Length >= p.Length + MinimumAfterPrefix))
            {
                keys.Add(run);
            }

            start = end;
        }

        return keys;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
