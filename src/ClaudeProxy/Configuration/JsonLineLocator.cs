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
        var target = Segments(path);
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
                    if (depth == target.Count)
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

    private static bool IsPrefix(List<string> path, List<string> target)
    {
        if (path.Count > target.Count)
        {
            return false;
        }

        for (var i = 0; i < path.Count; i++)
        {
            if (!string.Equals(path[i], target[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        foreach (var dotted in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = dotted.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? dotted : dotted[..bracket];
            if (name.Length > 0)
            {
                segments.Add(name);
            }

            while (bracket >= 0)
            {
                var close = dotted.IndexOf(']', bracket);
                segments.Add(dotted[bracket..(close + 1)]);
                bracket = dotted.IndexOf('[', close);
            }
        }

        return segments;
    }
}
