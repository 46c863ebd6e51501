using System.Text.Json;

namespace ClaudeProxy.Upstreams;

/// <summary>Checks that an upstream body is one JSON value, reading it once without building anything.</summary>
public static class JsonBody
{
    /// <summary>Throws <see cref="JsonException"/> when <paramref name="body"/> is not exactly one well-formed JSON value.</summary>
    public static void EnsureValid(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read())
        {
            throw new JsonException("The body is empty.");
        }

        reader.Skip();
        if (reader.Read())
        {
            throw new JsonException("The body holds more than one JSON value.");
        }
    }
}
