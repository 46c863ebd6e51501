using System.Text.Json;
using ClaudeProxy.Protocols.Sse;

namespace ClaudeProxy.Protocols.Doors;

/// <summary>
/// Reads the hub's Anthropic Messages event stream for a door's stream translator, whatever pieces its
/// bytes arrive in: each complete event whose data is a JSON object goes to the handler with its type
/// (the <c>event:</c> line, else the data's <c>type</c>). Data that is not JSON is skipped; so is an
/// event the handler finds a field of the wrong kind in (<see cref="InvalidOperationException"/>), which
/// is why handlers read everything an event needs before they write. An event larger than the bound
/// throws <see cref="SseEventTooLargeException"/> from <see cref="Feed"/>.
/// </summary>
internal sealed class HubEventReader : IDisposable
{
    private readonly SseParser _parser;
    private readonly Consumer _consumer;

    public HubEventReader(IHubEventHandler handler, int maxEventBytes)
    {
        _parser = new SseParser(maxEventBytes);
        _consumer = new Consumer(handler);
    }

    /// <summary>Reads the next piece of the stream, handing on the events it completes.</summary>
    public void Feed(ReadOnlySpan<byte> sse) => _parser.Feed(sse, _consumer);

    /// <summary>The stream ended: an event the upstream never finished is dropped, as the event-stream rules say.</summary>
    public void Complete() => _parser.Complete();

    public void Dispose() => _parser.Dispose();

    private static ReadOnlySpan<byte> TypeOf(JsonElement root)
    {
        if (!root.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
        {
            return [];
        }

        return type.ValueEquals("message_start"u8) ? "message_start"u8
            : type.ValueEquals("message_delta"u8) ? "message_delta"u8
            : type.ValueEquals("message_stop"u8) ? "message_stop"u8
            : type.ValueEquals("content_block_start"u8) ? "content_block_start"u8
            : type.ValueEquals("content_block_delta"u8) ? "content_block_delta"u8
            : type.ValueEquals("content_block_stop"u8) ? "content_block_stop"u8
            : type.ValueEquals("error"u8) ? "error"u8
            : [];
    }

    /// <summary>Hands the parser's events on, without making <see cref="ISseEventConsumer"/> part of a translator's public surface.</summary>
    private sealed class Consumer(IHubEventHandler handler) : ISseEventConsumer
    {
        public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlyMemory<byte> data)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(data);
            }
            catch (JsonException)
            {
                return;
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return;
                }

                try
                {
                    handler.OnEvent(eventName.IsEmpty ? TypeOf(root) : eventName, root, data.Span);
                }
                catch (InvalidOperationException)
                {
                    // A field of the wrong kind, or a string that is not Unicode text: the event is skipped.
                }
            }
        }
    }
}

/// <summary>Receives the hub events a <see cref="HubEventReader"/> reads.</summary>
internal interface IHubEventHandler
{
    /// <param name="type">The event's type (<c>message_start</c>, <c>content_block_delta</c>, …); empty when unknown.</param>
    /// <param name="root">The event's data, a JSON object.</param>
    /// <param name="data">The event's data as raw UTF-8.</param>
    void OnEvent(ReadOnlySpan<byte> type, JsonElement root, ReadOnlySpan<byte> data);
}
