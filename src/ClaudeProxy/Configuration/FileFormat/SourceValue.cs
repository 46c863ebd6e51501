namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>A JSON value of a file and the bytes its text spans (<see cref="End"/> exclusive).</summary>
internal abstract class SourceValue(int start, int end)
{
    public int Start { get; } = start;

    public int End { get; } = end;
}

/// <summary>A string, number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed class SourceScalar(int start, int end) : SourceValue(start, end);

/// <summary>
/// An object or an array: its items in file order. An item spans from its first byte (an object's key)
/// to its value's end; what lies between items (the comma, spaces, comments) is the file's own.
/// </summary>
internal abstract class SourceContainer(int start, int end) : SourceValue(start, end)
{
    public abstract int Count { get; }

    public abstract int ItemStart(int index);

    public abstract SourceValue ItemValue(int index);

    public int ItemEnd(int index) => ItemValue(index).End;
}

internal sealed class SourceObject(int start, int end, IReadOnlyList<SourceProperty> properties) : SourceContainer(start, end)
{
    public IReadOnlyList<SourceProperty> Properties { get; } = properties;

    public override int Count => Properties.Count;

    public override int ItemStart(int index) => Properties[index].Start;

    public override SourceValue ItemValue(int index) => Properties[index].Value;
}

/// <summary>One property of an object: its name (unescaped), where its key starts and ends, and its value.</summary>
internal sealed record SourceProperty(string Name, int Start, int NameEnd, SourceValue Value);

internal sealed class SourceArray(int start, int end, IReadOnlyList<SourceValue> items) : SourceContainer(start, end)
{
    public IReadOnlyList<SourceValue> Items { get; } = items;

    public override int Count => Items.Count;

    public override int ItemStart(int index) => Items[index].Start;

    public override SourceValue ItemValue(int index) => Items[index];
}
