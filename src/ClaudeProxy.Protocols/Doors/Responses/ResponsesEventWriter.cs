using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// Writes Responses stream events: <c>event: &lt;type&gt;</c>, then <c>data:</c> and a one-line JSON
/// object that begins with its <c>type</c> and a <c>sequence_number</c> counting from 0.
/// </summary>
internal sealed class ResponsesEventWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Utf8JsonWriter? _json;
    private int _sequence;

    /// <summary>Where events go; set for the length of one call into the translator.</summary>
    public IBufferWriter<byte>? Output { get; set; }

    /// <summary>Starts an event; the caller writes the data object's other fields, then calls <see cref="End"/>.</summary>
    public Utf8JsonWriter Begin(ReadOnlySpan<byte> type)
    {
        var output = Output!;
        output.Write("event: "u8);
        output.Write(type);
        output.Write("\ndata: "u8);
        if (_json is null)
        {
            _json = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            _json.Reset(output);
        }

        _json.WriteStartObject();
        _json.WriteString("type"u8, type);
        _json.WriteNumber("sequence_number"u8, _sequence++);
        return _json;
    }

    public void End()
    {
        var json = _json!;
        json.WriteEndObject();
        json.Flush();
        Output!.Write("\n\n"u8);
    }

    public void Dispose() => _json?.Dispose();
}
