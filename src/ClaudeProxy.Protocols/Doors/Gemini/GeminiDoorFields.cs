using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

using ClaudeProxy.Protocols.Doors.Hub;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// Typed reads of a Gemini request. Google's JSON mapping takes every field in lowerCamelCase or as
/// its proto name in snake_case (<c>systemInstruction</c> or <c>system_instruction</c>), so each read
/// tries both and reports the one found; a wrong type is a <see cref="DoorProblem"/> naming the
/// field by its JSON path as the client spelled it. JSON null counts as absent, as in Google's parser.
/// </summary>
internal static class GeminiDoorFields
{
    private static readonly ConcurrentDictionary<string, string> SnakeNames = new(StringComparer.Ordinal);

    /// <summary>
    /// The field <paramref name="name"/> (camelCase) or its snake_case alias; <paramref name="key"/> is
    /// the spelling found (the camelCase one when neither is there).
    /// </summary>
    public static bool TryGet(JsonElement owner, string name, out JsonElement value, out string key)
    {
        key = name;
        if (owner.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        var snake = Snake(name);
        if (!ReferenceEquals(snake, name) && owner.TryGetProperty(snake, out value) && value.ValueKind != JsonValueKind.Null)
        {
            key = snake;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>True when <paramref name="key"/> is <paramref name="name"/> in either spelling.</summary>
    public static bool Is(string key, string name) => key == name || key == Snake(name);

    /// <summary>The snake_case spelling of a camelCase name; the same instance when it has no capital.</summary>
    public static string Snake(string name)
    {
        if (!name.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            return name;
        }

        return SnakeNames.GetOrAdd(name, static n =>
        {
            var snake = new StringBuilder(n.Length + 4);
            foreach (var c in n)
            {
                if (char.IsAsciiLetterUpper(c))
                {
                    snake.Append('_').Append(char.ToLowerInvariant(c));
                }
                else
                {
                    snake.Append(c);
                }
            }

            return snake.ToString();
        });
    }

    public static string Child(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    /// <summary>The string at <paramref name="name"/>, required and not empty.</summary>
    public static JsonElement RequiredName(JsonElement owner, string name, string parent)
    {
        if (!TryGet(owner, name, out var value, out var key))
        {
            throw DoorProblem.At(Child(parent, name), "Field required");
        }

        DoorFields.String(value, Child(parent, key));
        return value.ValueEquals(""u8) ? throw DoorProblem.At(Child(parent, key), "must not be empty") : value;
    }

    /// <summary>An enum value: Google's JSON mapping writes enums as their names; compared without regard to case.</summary>
    public static string EnumName(JsonElement value, string path)
    {
        DoorFields.String(value, path);
        return value.GetString()!.ToUpperInvariant();
    }
}
