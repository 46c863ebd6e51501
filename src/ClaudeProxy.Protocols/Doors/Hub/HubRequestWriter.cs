using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>An Anthropic Messages request as an OpenAI door has read it, ready to write.</summary>
/// <param name="Model">The client's model.</param>
/// <param name="MaxTokens">The answer's limit, thinking included.</param>
/// <param name="System">The system texts, joined by a blank line into one plain string; none when empty.</param>
/// <param name="Turns">The conversation, at least one turn.</param>
internal sealed record HubRequest(string Model, int MaxTokens, List<TextPiece> System, List<HubTurn> Turns)
{
    /// <summary>The stop sequences' strings.</summary>
    public List<JsonElement> StopSequences { get; init; } = [];

    /// <summary>The thinking budget; null for no thinking.</summary>
    public int? ThinkingBudget { get; init; }

    /// <summary>Anthropic's temperature (0–1); not written next to thinking.</summary>
    public double? Temperature { get; init; }

    /// <summary>The client's <c>top_p</c> number; not written next to thinking.</summary>
    public JsonElement? TopP { get; init; }

    public bool? Stream { get; init; }

    public List<HubTool> Tools { get; init; } = [];

    /// <summary>Anthropic's tool choice type (auto, none, any, tool); null when the client gave none.</summary>
    public string? ToolChoice { get; init; }

    /// <summary>The forced tool's name string (tool choice <c>tool</c>).</summary>
    public JsonElement ForcedToolName { get; init; }

    public bool DisableParallelToolUse { get; init; }

    /// <summary>The string for <c>metadata.user_id</c>; null for none.</summary>
    public JsonElement? UserId { get; init; }
}

/// <summary>Writes a <see cref="HubRequest"/> as the UTF-8 JSON body the hub routes, the client's strings copied as they are.</summary>
internal static class HubRequestWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="request">What to write.</param>
    /// <param name="sizeHint">The client's body length: the hub body is about as long.</param>
    public static byte[] Write(HubRequest request, int sizeHint)
    {
        var buffer = new PooledBufferWriter(sizeHint + 1024);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("model"u8, request.Model);
                writer.WriteNumber("max_tokens"u8, request.MaxTokens);
                if (request.System.Count > 0)
                {
                    writer.WritePropertyName("system"u8);
                    JoinedText.Write(writer, request.System, "\\n\\n"u8);
                }

                HubTurnWriter.WriteMessages(writer, request.Turns);
                if (request.StopSequences.Count > 0)
                {
                    writer.WriteStartArray("stop_sequences"u8);
                    foreach (var stop in request.StopSequences)
                    {
                        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(stop), skipInputValidation: true);
                    }

                    writer.WriteEndArray();
                }

                if (request.ThinkingBudget is { } thinking)
                {
                    writer.WriteStartObject("thinking"u8);
                    writer.WriteString("type"u8, "enabled"u8);
                    writer.WriteNumber("budget_tokens"u8, thinking);
                    writer.WriteEndObject();
                }
                else
                {
                    if (request.Temperature is { } t)
                    {
                        writer.WriteNumber("temperature"u8, t);
                    }

                    if (request.TopP is { } p)
                    {
                        writer.WritePropertyName("top_p"u8);
                        p.WriteTo(writer);
                    }
                }

                if (request.Stream is { } streamValue)
                {
                    writer.WriteBoolean("stream"u8, streamValue);
                }

                HubTools.Write(writer, request.Tools, request.ToolChoice, request.ForcedToolName, request.DisableParallelToolUse);
                if (request.UserId is { } user)
                {
                    writer.WriteStartObject("metadata"u8);
                    writer.WritePropertyName("user_id"u8);
                    user.WriteTo(writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.Dispose();
        }
    }
}
