using System.Runtime.CompilerServices;
using System.Text;

namespace ClaudeProxy.Protocols.Validation;

/// <summary>
/// Where a value sits in a request, in Anthropic's error notation (<c>messages.0.content.1.text</c>).
/// A value type with its segments inline, so walking a valid request allocates nothing: the text is
/// only built when a problem is reported. Segments past <see cref="Capacity"/> are not recorded.
/// </summary>
public readonly struct JsonPath
{
    /// <summary>Deep enough for the deepest field validated: a text of a document inside a search result inside a tool result.</summary>
    public const int Capacity = 12;

    private readonly Segments _segments;
    private readonly int _count;

    private JsonPath(in JsonPath parent, Segment segment)
    {
        _segments = parent._segments;
        _count = parent._count;
        if (_count < Capacity)
        {
            _segments[_count++] = segment;
        }
    }

    /// <summary>The request body itself.</summary>
    public static JsonPath Root => default;

    /// <summary>True for the request body itself.</summary>
    public bool IsRoot => _count == 0;

    /// <summary>The path of property <paramref name="name"/> of the value here.</summary>
    public JsonPath Property(string name) => new(this, new Segment(name, 0));

    /// <summary>The path of item <paramref name="index"/> of the array here.</summary>
    public JsonPath Item(int index) => new(this, new Segment(null, index));

    public override string ToString()
    {
        if (_count == 0)
        {
            return "body";
        }

        var text = new StringBuilder();
        for (var i = 0; i < _count; i++)
        {
            if (i > 0)
            {
                text.Append('.');
            }

            var segment = _segments[i];
            if (segment.Name is { } name)
            {
                text.Append(name);
            }
            else
            {
                text.Append(segment.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private readonly record struct Segment(string? Name, int Index);

    [InlineArray(Capacity)]
    private struct Segments
    {
        private Segment _first;
    }
}
