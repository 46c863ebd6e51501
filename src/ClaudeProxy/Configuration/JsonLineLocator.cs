using System.Text.Json;

namespace ClaudeProxy.Configuration;

/// <summary>
/// Finds the line of a value in a JSON file from a path such as <c>upstream[1].baseUrl</c>, so a
/// config error can point at the line to fix. Falls back to the nearest enclosing value that exists.
/// </summary>
public static class JsonLineLocator
{
    public static int? FindLine(ReadOnlySpan<byte> json, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var target = path;
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        var reader = new Utf8JsonReader(json, options);
        var stack = new List<string>();
        var arrayIndexes = new Stack<int>();
        string? pendingProperty = null;
        long bestStart = -1;
        var bestDepth = -1;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            arrayIndexes.Pop();
                        }

                        if (stack.Count > 0)
                        {
                            stack.RemoveAt(stack.Count - 1);
                        }

                        continue;
                }

                // A value starts: name it after the property or the array slot it fills.
                string? segment = pendingProperty;
                pendingProperty = null;
                if (segment is null && arrayIndexes.Count > 0)
                {
                    var index = arrayIndexes.Pop();
                    segment = $"[{index}]";
                    arrayIndexes.Push(index + 1);
                }

                var valuePath = stack.Skip(1).Append(segment ?? "$").Where(s => s != "$").ToList();
                var depth = valuePath.Count;
                if (IsPrefix(valuePath, target) && depth > bestDepth)
                {
                    bestDepth = depth;
                    bestStart = reader.TokenStartIndex;
                    if (Join(valuePath) == target)
                    {
                        break;
                    }
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Add(segment ?? "$");
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        arrayIndexes.Push(0);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Best effort: report what was found before the syntax error.
        }

        return bestStart < 0 ? null : LineOf(json, (int)bestStart);
    }

    public static int LineOf(ReadOnlySpan<byte> json, int offset) => json[..Math.Min(offset, json.Length)].Count((byte)'\n') + 1;

    /// <summary>
    /// True when <paramref name="path"/> names <paramref name="target"/> or a value enclosing it. Compared as
    /// text, so a property name holding dots (a model pattern such as <c>gemini-2.5-pro*</c>) still matches.
    /// </summary>
    private static bool IsPrefix(List<string> path, string target)
    {
        var text = Join(path);
        return text.Length == 0
            || (target.StartsWith(text, StringComparison.Ordinal)
                && (target.Length == text.Length || target[text.Length] is '.' or '['));
    }

    private static string Join(List<string> segments)
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in segments)
        {
            if (text.Length > 0 && !segment.StartsWith('['))
            {
                text.Append('.');
            }

            text.Append(segment);
        }

        return text.ToString();
    }
}
