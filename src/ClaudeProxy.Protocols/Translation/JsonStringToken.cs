using System.Text.Json;
using System.Text.Unicode;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Where a JSON string value lies in a chunk: its raw bytes between the quotes, still escaped. Kept
/// as offsets so a chunk can be read to its end (and so validated) before anything is written.
/// </summary>
internal readonly struct JsonStringToken
{
    private JsonStringToken(int start, int length, bool isEscaped)
    {
        Start = start;
        Length = length;
        IsEscaped = isEscaped;
    }

    /// <summary>Offset of the first byte after the opening quote.</summary>
    public int Start { get; }

    /// <summary>Raw length; 0 exactly when the string is empty, since any escape decodes to something.</summary>
    public int Length { get; }

    public bool IsEscaped { get; }

    /// <summary>The string token <paramref name="reader"/> is on, read from one contiguous span.</summary>
    public static JsonStringToken At(ref Utf8JsonReader reader) =>
        new(checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length, reader.ValueIsEscaped);

    /// <summary>The value as a string; false where <c>GetString()</c> throws (invalid UTF-8, an escaped lone surrogate).</summary>
    public bool TryGetString(ReadOnlySpan<byte> data, out string? value)
    {
        value = null;
        var reader = Reader(data);
        try
        {
            reader.Read();
            value = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The value as UTF-8 text, unescaped into <paramref name="scratch"/> (at least <see cref="Length"/>
    /// bytes) when it needs to be. False when <c>GetString()</c> would not read it (invalid UTF-8, an
    /// escaped lone surrogate): such a value takes the general path, which reports it as it always did.
    /// </summary>
    public bool TryDecode(ReadOnlySpan<byte> data, Span<byte> scratch, out ReadOnlySpan<byte> text)
    {
        text = default;
        var raw = data.Slice(Start, Length);
        if (IsEscaped)
        {
            var reader = Reader(data);
            int written;
            try
            {
                reader.Read();
                written = reader.CopyString(scratch);
            }
            catch (InvalidOperationException)
            {
                return false;
            }

            raw = scratch[..written];
        }

        if (!Utf8.IsValid(raw))
        {
            return false;
        }

        text = raw;
        return true;
    }

    /// <summary>A reader over just this token, quotes included: unescaping takes one, and it costs no allocation.</summary>
    private Utf8JsonReader Reader(ReadOnlySpan<byte> data) => new(data.Slice(Start - 1, Length + 2));
}
