using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>
/// Checks an Anthropic Messages event stream against the rules the SDKs' accumulators rely on, and
/// rebuilds the message it describes: <c>message_start</c> first; blocks with contiguous indices
/// 0,1,2…, each started, given only deltas of its own kind, and stopped before the next starts;
/// <c>message_delta</c> after the last block; <c>message_stop</c> last, or an <c>error</c> that ends it.
/// </summary>
public static class AnthropicStreamChecker
{
    public sealed record StreamCheckResult(JsonObject Message, IReadOnlyList<string> EventTypes, JsonObject? Error);

    /// <summary>Checks events given as (event name, data JSON); throws <see cref="InvalidOperationException"/> naming the first broken rule.</summary>
    /// <param name="events">The stream's events.</param>
    /// <param name="toolInputsMustParse">
    /// False where the upstream itself sent broken tool arguments (fuzzing): a translator streams
    /// them on as they come, so only the event grammar can hold; the input is then kept as text.
    /// </param>
    public static StreamCheckResult Check(IEnumerable<(string? Event, string Data)> events, bool toolInputsMustParse = true)
    {
        ArgumentNullException.ThrowIfNull(events);
        JsonObject? message = null;
        JsonArray? content = null;
        var types = new List<string>();
        var openIndex = -1;
        var partialJson = new StringBuilder();
        var sawMessageDelta = false;
        var position = 0;
        foreach (var (eventName, data) in events)
        {
            var node = JsonNode.Parse(data) as JsonObject ?? throw Broken(position, "data is not a JSON object");
            var type = (string?)node["type"] ?? throw Broken(position, "data has no type");
            if (eventName is not null && eventName != type)
            {
                throw Broken(position, $"event name '{eventName}' differs from data type '{type}'");
            }

            if (types.Count > 0 && (types[^1] == "message_stop" || types[^1] == "error"))
            {
                throw Broken(position, $"'{type}' after the stream ended with '{types[^1]}'");
            }

            types.Add(type);
            if (type == "ping")
            {
                position++;
                continue;
            }

            if (type == "error")
            {
                if (node["error"] is not JsonObject error || error["type"] is null || error["message"] is null)
                {
                    throw Broken(position, "error event without error.type and error.message");
                }

                return new StreamCheckResult(message ?? [], types, error);
            }

            if (message is null && type != "message_start")
            {
                throw Broken(position, $"'{type}' before message_start");
            }

            switch (type)
            {
                case "message_start":
                    if (message is not null)
                    {
                        throw Broken(position, "a second message_start");
                    }

                    message = node["message"]!.DeepClone().AsObject();
                    content = message["content"] as JsonArray ?? throw Broken(position, "message_start without content []");
                    if (message["usage"] is not JsonObject)
                    {
                        throw Broken(position, "message_start without usage");
                    }

                    break;
                case "content_block_start":
                    var index = (int)node["index"]!;
                    if (openIndex >= 0)
                    {
                        throw Broken(position, $"block {index} started while block {openIndex} is open");
                    }

                    if (index != content!.Count)
                    {
                        throw Broken(position, $"block index {index}; expected {content.Count}");
                    }

                    if (sawMessageDelta)
                    {
                        throw Broken(position, "block started after message_delta");
                    }

                    content.Add(node["content_block"]!.DeepClone());
                    openIndex = index;
                    partialJson.Clear();
                    break;
                case "content_block_delta":
                    var deltaIndex = (int)node["index"]!;
                    if (deltaIndex != openIndex)
                    {
                        throw Broken(position, $"delta to block {deltaIndex} while the open block is {openIndex}");
                    }

                    ApplyDelta(content![deltaIndex]!.AsObject(), node["delta"]!.AsObject(), partialJson, position);
                    break;
                case "content_block_stop":
                    var stopIndex = (int)node["index"]!;
                    if (stopIndex != openIndex)
                    {
                        throw Broken(position, $"stop for block {stopIndex} while the open block is {openIndex}");
                    }

                    var block = content![stopIndex]!.AsObject();
                    if ((string?)block["type"] == "tool_use")
                    {
                        block["input"] = partialJson.Length == 0 ? new JsonObject()
                            : toolInputsMustParse ? ParseInput(partialJson.ToString(), position)
                            : partialJson.ToString();
                    }

                    openIndex = -1;
                    break;
                case "message_delta":
                    if (openIndex >= 0)
                    {
                        throw Broken(position, $"message_delta while block {openIndex} is open");
                    }

                    sawMessageDelta = true;
                    message!["stop_reason"] = node["delta"]?["stop_reason"]?.DeepClone();
                    message["stop_sequence"] = node["delta"]?["stop_sequence"]?.DeepClone();
                    if (node["usage"] is JsonObject usage)
                    {
                        foreach (var (key, value) in usage)
                        {
                            if (value is not null)
                            {
                                message["usage"]![key] = value.DeepClone();
                            }
                        }
                    }

                    break;
                case "message_stop":
                    if (!sawMessageDelta)
                    {
                        throw Broken(position, "message_stop without message_delta");
                    }

                    break;
                default:
                    throw Broken(position, $"unknown event type '{type}'");
            }

            position++;
        }

        if (types.Count == 0 || types[^1] != "message_stop")
        {
            throw new InvalidOperationException($"The stream ended without message_stop or error (events: {string.Join(", ", types)}).");
        }

        return new StreamCheckResult(message!, types, null);
    }

    private static void ApplyDelta(JsonObject block, JsonObject delta, StringBuilder partialJson, int position)
    {
        var blockType = (string?)block["type"];
        var deltaType = (string?)delta["type"];
        switch (deltaType)
        {
            case "text_delta" when blockType == "text":
                block["text"] = (string?)block["text"] + (string?)delta["text"];
                break;
            case "thinking_delta" when blockType == "thinking":
                block["thinking"] = (string?)block["thinking"] + (string?)delta["thinking"];
                break;
            case "signature_delta" when blockType == "thinking":
                block["signature"] = (string?)delta["signature"];
                break;
            case "input_json_delta" when blockType == "tool_use":
                partialJson.Append((string?)delta["partial_json"]);
                break;
            default:
                throw Broken(position, $"{deltaType} sent to a {blockType} block");
        }
    }

    private static JsonNode ParseInput(string json, int position)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw Broken(position, $"tool input is not a JSON object: {json}");
        }
        catch (JsonException ex)
        {
            throw Broken(position, $"tool input is not valid JSON ({ex.Message}): {json}");
        }
    }

    private static InvalidOperationException Broken(int position, string rule) => new($"Event {position}: {rule}.");
}
