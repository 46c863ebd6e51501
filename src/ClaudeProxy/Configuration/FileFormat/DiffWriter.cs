using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>
/// Writes a file's text again with one difference applied: where <c>before</c> and <c>after</c> agree, the
/// file's bytes are copied; where they differ, only the values, properties and elements concerned are
/// written anew. <c>before</c> is what the file's text means, so its objects and arrays pair with the file's.
/// </summary>
internal sealed class DiffWriter(byte[] text, FileStyle file)
{
    private readonly ArrayBufferWriter<byte> _output = new(text.Length + 256);

    public byte[] Document(SourceObject root, JsonObject before, JsonObject after)
    {
        Copy(0, root.Start);
        Object(root, before, after, parent: null);
        Copy(root.End, text.Length);
        return _output.WrittenSpan.ToArray();
    }

    private void Value(SourceValue source, JsonNode? before, JsonNode? after, ContainerStyle parent)
    {
        if (JsonSemantics.Same(before, after))
        {
            Copy(source.Start, source.End);
        }
        else if (source is SourceObject sourceObject && before is JsonObject beforeObject && after is JsonObject afterObject)
        {
            Object(sourceObject, beforeObject, afterObject, parent);
        }
        else if (source is SourceArray sourceArray && before is JsonArray beforeArray && after is JsonArray afterArray && sourceArray.Count == beforeArray.Count)
        {
            Array(sourceArray, beforeArray, afterArray, parent);
        }
        else
        {
            // A scalar changed, or the file's value is not of the kind the config reads (a null read as a default).
            _output.Write(FreshJson.Value(after, file, parent.Layout, LineText.IndentAt(text, source.Start)));
        }
    }

    private void Object(SourceObject source, JsonObject before, JsonObject after, ContainerStyle? parent)
    {
        var items = new List<Item>();
        var lastOccurrence = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < source.Count; i++)
        {
            lastOccurrence[source.Properties[i].Name] = i;
        }

        for (var i = 0; i < source.Count; i++)
        {
            var name = source.Properties[i].Name;
            var inBefore = before.TryGetPropertyValue(name, out var was);
            var inAfter = after.TryGetPropertyValue(name, out var now);
            if (inBefore && !inAfter)
            {
                // Removed: every occurrence goes, or an earlier duplicate would be read in its place.
                continue;
            }

            // A property neither side has (a null the config reads as absent) stays as written, as does a duplicate the last one overrides.
            var changed = inAfter && lastOccurrence[name] == i && !JsonSemantics.Same(was, now);
            items.Add(new Item(i, null, changed, was, now));
        }

        foreach (var (name, now) in after)
        {
            // A value the file left out that the edit did not change is still the default the file means.
            if (!lastOccurrence.ContainsKey(name) && !(before.TryGetPropertyValue(name, out var was) && JsonSemantics.Same(was, now)))
            {
                items.Add(new Item(-1, name, true, null, now));
            }
        }

        Container(source, items, ContainerStyle.Of(text, source, parent, file));
    }

    private void Array(SourceArray source, JsonArray before, JsonArray after, ContainerStyle? parent)
    {
        var match = ElementMatcher.Match(before, after);
        var items = new List<Item>(after.Count);
        for (var j = 0; j < after.Count; j++)
        {
            var k = match[j];
            items.Add(k < 0
                ? new Item(-1, null, true, null, after[j])
                : new Item(k, null, !JsonSemantics.Same(before[k], after[j]), before[k], after[j]));
        }

        Container(source, items, ContainerStyle.Of(text, source, parent, file));
    }

    /// <summary>
    /// Writes the container's items in their new order. An item the file had brings the text before it (its
    /// comma, spaces and comments); the first item gets the text after the opening bracket, and the text before
    /// the closing bracket stays last; new items are separated the way the container's first two are.
    /// </summary>
    private void Container(SourceContainer source, List<Item> items, ContainerStyle style)
    {
        Copy(source.Start, source.Start + 1);
        if (items.Count > 0)
        {
            for (var j = 0; j < items.Count; j++)
            {
                var k = items[j].Source;
                if (j == 0)
                {
                    Text(source.Count > 0 ? text.AsSpan((source.Start + 1)..source.ItemStart(0)) : Encoding.ASCII.GetBytes(style.Whitespace));
                }
                else
                {
                    Text(k > 0 ? text.AsSpan(source.ItemEnd(k - 1)..source.ItemStart(k)) : Encoding.ASCII.GetBytes(style.Separator));
                }

                WriteItem(source, items[j], style);
            }

            Text(source.Count > 0 ? text.AsSpan(source.ItemEnd(source.Count - 1)..(source.End - 1)) : Encoding.ASCII.GetBytes(style.Closing));
        }

        Copy(source.End - 1, source.End);
    }

    private void WriteItem(SourceContainer source, Item item, ContainerStyle style)
    {
        if (item.Source < 0)
        {
            _output.Write(item.Name is null
                ? FreshJson.Value(item.After, file, style.Layout, style.Indent)
                : FreshJson.Property(item.Name, item.After, style.Colon, file, style.Layout, style.Indent));
            return;
        }

        var value = source.ItemValue(item.Source);
        if (!item.Changed)
        {
            Copy(source.ItemStart(item.Source), value.End);
            return;
        }

        // An object's key and colon as the file has them; nothing for an array's element.
        Copy(source.ItemStart(item.Source), value.Start);
        Value(value, item.Before, item.After, style);
    }

    private void Copy(int start, int end) => _output.Write(text.AsSpan(start..end));

    private void Text(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    /// <summary>One item of the new container: the file's item <see cref="Source"/> (changed or not), or a new one (<see cref="Source"/> -1, named when in an object).</summary>
    private readonly record struct Item(int Source, string? Name, bool Changed, JsonNode? Before, JsonNode? After);
}
