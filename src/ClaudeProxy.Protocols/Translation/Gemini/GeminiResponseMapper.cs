using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// Translates a non-streaming <c>generateContent</c> response into an Anthropic message: the same
/// parts-to-blocks rules as the stream (thinking, text, tool uses with fresh ids and their thought
/// signatures remembered), the stop reason and usage mapped, and a blocked prompt as an empty
/// refusal. Never invents an empty text block.
/// </summary>
public static class GeminiResponseMapper
{
    /// <summary>Throws <see cref="JsonException"/> when the body is not a <c>GenerateContentResponse</c>.</summary>
    public static byte[] Map(ReadOnlyMemory<byte> response, GeminiResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var document = JsonDocument.Parse(response);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The body is not a JSON object.");
        }

        if (root.TryGetProperty("error"u8, out var error))
        {
            throw new JsonException($"The body is an error: {GeminiErrorTranslator.FromStreamPayload(error).Message}");
        }

        var blocks = new BlockList();
        var reader = new GeminiAnswerReader(blocks, context);
        reader.Read(root);
        reader.Close();
        if (reader.Usage is null)
        {
            context.Notes.Add("The upstream reported no usage; token counts are 0.");
        }

        return AnthropicMessageJson.Write(context.MessageId, context.RequestedModel, response.Length + 256, writer =>
        {
            blocks.WriteTo(writer);
            return (reader.StopReason, reader.Usage ?? AnthropicUsage.Zero);
        });
    }

    /// <summary>Collects the blocks of one message, in index order.</summary>
    private sealed class BlockList : IAnthropicContentSink
    {
        private readonly List<Block> _blocks = [];

        public void ThinkingStart(int index) => _blocks.Add(new Block("thinking"));

        public void ThinkingDelta(int index, string thinking) => _blocks[index].Text.Append(thinking);

        public void SignatureDelta(int index, string signature) => _blocks[index].Signature = signature;

        public void TextStart(int index) => _blocks.Add(new Block("text"));

        public void TextDelta(int index, string text) => _blocks[index].Text.Append(text);

        public void ToolUse(int index, string id, string name, JsonElement input) =>
            _blocks.Add(new Block("tool_use") { Id = id, Name = name, Input = input.ValueKind == JsonValueKind.Object ? input.Clone() : default });

        public void BlockStop(int index)
        {
        }

        public void WriteTo(Utf8JsonWriter writer)
        {
            foreach (var block in _blocks)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, block.Type);
                switch (block.Type)
                {
                    case "thinking":
                        writer.WriteString("thinking"u8, block.Text.ToString());
                        writer.WriteString("signature"u8, block.Signature ?? "");
                        break;
                    case "text":
                        writer.WriteString("text"u8, block.Text.ToString());
                        break;
                    default:
                        writer.WriteString("id"u8, block.Id);
                        writer.WriteString("name"u8, block.Name);
                        writer.WritePropertyName("input"u8);
                        if (block.Input.ValueKind == JsonValueKind.Object)
                        {
                            block.Input.WriteTo(writer);
                        }
                        else
                        {
                            writer.WriteStartObject();
                            writer.WriteEndObject();
                        }

                        break;
                }

                writer.WriteEndObject();
            }
        }

        private sealed class Block(string type)
        {
            public string Type { get; } = type;

            public StringBuilder Text { get; } = new();

            public string? Signature { get; set; }

            public string? Id { get; init; }

            public string? Name { get; init; }

            public JsonElement Input { get; init; }
        }
    }
}
