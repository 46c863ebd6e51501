using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace ClaudeProxy.FakeUpstreams.Fuzzing;

/// <summary>
/// Bad inputs made from good ones: a valid JSON document with one to three of its values (at any
/// depth) replaced by a value of another JSON type, removed, duplicated under the same key, made
/// huge, given odd Unicode (NUL, a right-to-left override, a lone surrogate escape <c>\ud800</c>),
/// nested past the 64 levels a parser accepts, or with a <c>type</c> or <c>role</c> swapped for
/// another known one (so a block of one kind arrives with the fields of another). Now and then the
/// bytes themselves are broken: invalid UTF-8, or a cut-off body.
/// </summary>
public static class JsonMutator
{
    private const string Placeholder = "@@fuzz:";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Strings that steer a <c>type</c> or <c>role</c> to another branch of a reader.</summary>
    private static readonly string[] Tags =
    [
        "text", "image", "document", "search_result", "thinking", "redacted_thinking", "tool_use", "tool_result", "server_tool_use",
        "web_search_tool_result", "container_upload", "mcp_tool_use", "compaction", "bogus", "base64", "url", "content", "file",
        "enabled", "disabled", "adaptive", "auto", "any", "tool", "none", "custom", "web_search_20250305", "user", "assistant",
        "system", "model", "object", "string", "array", "integer", "number", "boolean", "null", "ephemeral",
    ];

    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null,
        () => true,
        () => false,
        () => 0,
        () => -1,
        () => 1.5,
        () => 1e300,
        () => 2147483648L,
        () => "",
        () => " \n\t",
        () => "x",
        () => new string('a', 100_000),
        () => "nul\0inside",
        () => "\u202Eright-to-left\u200F",
        () => "e\u0301\uFEFF\U0001F600",
        () => Placeholder + "lone-high",
        () => Placeholder + "lone-low",
        () => Placeholder + "deep",
        () => Placeholder + "deep-but-legal",
        () => new JsonObject(),
        () => new JsonArray(),
        () => new JsonArray(null, 1, "x"),
        () => new JsonObject { ["type"] = "bogus" },
        () => new JsonObject { ["type"] = "text" },
        () => new JsonArray(new JsonObject { ["type"] = "text", ["text"] = 5 }),
        () => new JsonArray(new JsonObject()),
    ];

    /// <summary>Mutants of the documents in <paramref name="corpus"/>, each a valid UTF-8 JSON text before mutation.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return Gen.Select(Gen.Int[0, corpus.Count - 1], Gen.UInt.Array[32], (index, tape) => Mutate(corpus[index], new DecisionTape(tape)));
    }

    public static byte[] Mutate(byte[] document, DecisionTape tape)
    {
        ArgumentNullException.ThrowIfNull(tape);
        if (tape.OneIn(60))
        {
            return tape.Pick(new[] { "[]"u8.ToArray(), "\"x\""u8.ToArray(), "null"u8.ToArray(), "{}"u8.ToArray() });
        }

        var root = JsonNode.Parse(document)!;
        var mutations = 1 + tape.Next(3);
        for (var i = 0; i < mutations; i++)
        {
            MutateOne(root, tape);
        }

        var text = Expand(root.ToJsonString(Relaxed));
        var bytes = Encoding.UTF8.GetBytes(text);
        return tape.OneIn(16) ? BreakBytes(bytes, tape) : bytes;
    }

    private static void MutateOne(JsonNode root, DecisionTape tape)
    {
        var spots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, spots);
        if (spots.Count == 0)
        {
            return;
        }

        var (parent, key, index) = tape.Pick(spots);
        var current = key is not null ? parent[key] : parent[index];
        switch (tape.Next(10))
        {
            case 0:
                Remove(parent, key, index);
                return;
            case 1 when key is not null:
                // A second property of the same name, spliced in after serialization (JsonObject cannot hold one).
                parent.AsObject()[Placeholder + "dup:" + key] = tape.Pick(Replacements)();
                return;
            case 2:
                Set(parent, key, index, new JsonArray(current?.DeepClone()));
                return;
            case 3 or 4 when key is "type" or "role" || current is JsonValue value && value.TryGetValue<string>(out _):
                Set(parent, key, index, tape.Pick(Tags));
                return;
            default:
                Set(parent, key, index, tape.Pick(Replacements)());
                return;
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> spots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (name.StartsWith(Placeholder, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    spots.Add((obj, name, -1));
                    if (child is not null)
                    {
                        Collect(child, spots);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    spots.Add((array, null, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, spots);
                    }
                }

                break;
        }
    }

    private static void Remove(JsonNode parent, string? key, int index)
    {
        if (key is not null)
        {
            parent.AsObject().Remove(key);
        }
        else
        {
            parent.AsArray().RemoveAt(index);
        }
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (key is not null)
        {
            parent.AsObject()[key] = value;
        }
        else
        {
            parent.AsArray()[index] = value;
        }
    }

    /// <summary>Replaces the placeholders with what JsonNode cannot hold: lone surrogates, over-deep nesting, duplicate keys.</summary>
    private static string Expand(string json) => json
        .Replace($"\"{Placeholder}lone-high\"", "\"a\\ud800b\"", StringComparison.Ordinal)
        .Replace($"\"{Placeholder}lone-low\"", "\"\\udc00\"", StringComparison.Ordinal)
        .Replace($"\"{Placeholder}deep\"", new string('[', 80) + new string(']', 80), StringComparison.Ordinal)
        .Replace($"\"{Placeholder}deep-but-legal\"", string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40), StringComparison.Ordinal)
        .Replace($"\"{Placeholder}dup:", "\"", StringComparison.Ordinal);

    private static byte[] BreakBytes(byte[] bytes, DecisionTape tape)
    {
        var at = tape.Next(bytes.Length);
        return tape.Next(3) switch
        {
            0 => bytes[..at],
            1 => [.. bytes[..at], 0xFF, .. bytes[at..]],
            _ => [.. bytes[..at], 0xED, 0xA0, 0x80, .. bytes[at..]],
        };
    }
}
