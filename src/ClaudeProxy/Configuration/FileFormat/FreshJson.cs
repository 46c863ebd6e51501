using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>
/// Writes a value the file did not have, laid out like its neighbours, with non-ASCII text left readable.
/// A JSON string holds no raw line break, so every line break the writer makes is layout, free to change.
/// </summary>
internal static class FreshJson
{
    public static byte[] Value(JsonNode? node, FileStyle file, FreshLayout layout, string indent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions
        {
            Indented = layout != FreshLayout.OneLine,
            IndentCharacter = file.IndentCharacter,
            IndentSize = file.IndentSize,
            NewLine = file.NewLine,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return layout == FreshLayout.OneLineSpaced ? Join(buffer.WrittenSpan) : Reindent(buffer.WrittenSpan, indent);
    }

    public static byte[] Property(string name, JsonNode? node, string colon, FileStyle file, FreshLayout layout, string indent)
    {
        var key = JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        return [(byte)'"', .. key, (byte)'"', .. Encoding.ASCII.GetBytes(colon), .. Value(node, file, layout, indent)];
    }

    /// <summary>Every line after the first gets <paramref name="indent"/> in front, so the value sits at its depth.</summary>
    private static byte[] Reindent(ReadOnlySpan<byte> json, string indent)
    {
        if (indent.Length == 0 || json.IndexOf((byte)'\n') < 0)
        {
            return json.ToArray();
        }

        var prefix = Encoding.ASCII.GetBytes(indent);
        var output = new ArrayBufferWriter<byte>(json.Length * 2);
        while (json.IndexOf((byte)'\n') is var end and >= 0)
        {
            output.Write(json[..(end + 1)]);
            output.Write(prefix);
            json = json[(end + 1)..];
        }

        output.Write(json);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Indented text on one line: each line break and its indentation becomes a space, or nothing next to a bracket.</summary>
    private static byte[] Join(ReadOnlySpan<byte> json)
    {
        var output = new List<byte>(json.Length);
        var i = 0;
        while (i < json.Length)
        {
            if (json[i] is not ((byte)'\r' or (byte)'\n'))
            {
                output.Add(json[i++]);
                continue;
            }

            while (i < json.Length && json[i] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t')
            {
                i++;
            }

            if (output[^1] is not ((byte)'{' or (byte)'[') && i < json.Length && json[i] is not ((byte)'}' or (byte)']'))
            {
                output.Add((byte)' ');
            }
        }

        return [.. output];
    }
}

/// <summary>How a new value is laid out: indented over lines, or on one line as <c>{"a":1}</c> or as <c>{"a": 1, "b": 2}</c>.</summary>
internal enum FreshLayout
{
    Indented,
    OneLine,
    OneLineSpaced,
}
