using System.Text;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using CsCheck;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// Upstream event streams gone wrong, made from recorded good ones: events dropped, repeated or
/// swapped, their JSON mutated (see <see cref="JsonMutator"/>), stray events and comments inserted
/// (an error, <c>[DONE]</c> too early, non-JSON, invalid UTF-8), LF or CRLF framing, and the bytes
/// cut into network reads at random.
/// </summary>
internal static class UpstreamStreamMutator
{
    private static readonly string[] Strays =
    [
        "data: [DONE]",
        "data: not json at all",
        "data: {}",
        "data: []",
        "data: null",
        "data: {\"choices\":5,\"candidates\":\"x\",\"usage\":[],\"usageMetadata\":7}",
        "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":-1}]}}]}",
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":99999999,\"id\":\"x\",\"function\":{\"name\":\"f\",\"arguments\":\"{\"}}]},\"finish_reason\":\"tool_calls\"}]}",
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":5,\"args\":\"x\"}},{\"thought\":\"yes\",\"text\":1}]},\"finishReason\":9}]}",
        "data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}",
        "event: error\ndata: {\"error\":{\"code\":500}}",
        ": keep-alive",
        "retry: 1000",
        "id: 7",
        "data: {\"choices\":[{\"delta\":{\"content\":\"\\ud800\"}}]}",
    ];

    public static Gen<IReadOnlyList<byte[]>> Of(IReadOnlyList<byte[]> corpus) =>
        Gen.Select(Gen.Int[0, corpus.Count - 1], Gen.UInt.Array[256], (index, tape) => (IReadOnlyList<byte[]>)Mutate(corpus[index], new DecisionTape(tape)));

    private static List<byte[]> Mutate(byte[] stream, DecisionTape tape)
    {
        var text = Encoding.UTF8.GetString(stream).Replace("\r\n", "\n", StringComparison.Ordinal);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var output = new List<byte[]>();
        var separator = tape.OneIn(3) ? "\r\n\r\n"u8.ToArray() : "\n\n"u8.ToArray();
        for (var i = 0; i < events.Count; i++)
        {
            if (tape.OneIn(8))
            {
                output.Add(Encoding.UTF8.GetBytes(tape.Pick(Strays)));
            }

            if (tape.OneIn(40))
            {
                output.Add([.. "data: {\"x\":\""u8, 0xFF, 0xC3, .. "\"}"u8]);
            }

            switch (tape.Next(12))
            {
                case 0:
                    continue;
                case 1:
                    output.Add(Encoding.UTF8.GetBytes(events[i]));
                    break;
                case 2 when i + 1 < events.Count:
                    (events[i], events[i + 1]) = (events[i + 1], events[i]);
                    break;
                case 3 or 4 or 5:
                    output.Add(MutateData(events[i], tape));
                    continue;
            }

            output.Add(Encoding.UTF8.GetBytes(events[i]));
        }

        var bytes = output.SelectMany(e => e.Concat(separator)).ToArray();
        return Cut(bytes, tape);
    }

    /// <summary>The event with its JSON data mutated; events whose data is not JSON stay as they are.</summary>
    private static byte[] MutateData(string sseEvent, DecisionTape tape)
    {
        var lines = sseEvent.Split('\n');
        var dataLine = Array.FindIndex(lines, line => line.StartsWith("data:", StringComparison.Ordinal));
        var payload = dataLine < 0 ? "" : lines[dataLine]["data:".Length..].TrimStart(' ');
        if (!payload.StartsWith('{'))
        {
            return Encoding.UTF8.GetBytes(sseEvent);
        }

        byte[] mutated;
        try
        {
            mutated = JsonMutator.Mutate(Encoding.UTF8.GetBytes(payload), tape);
        }
        catch (System.Text.Json.JsonException)
        {
            return Encoding.UTF8.GetBytes(sseEvent);
        }

        var before = string.Join('\n', lines[..dataLine]);
        var after = string.Join('\n', lines[(dataLine + 1)..]);
        return [.. Encoding.UTF8.GetBytes(before + (dataLine > 0 ? "\n" : "") + "data: "), .. mutated, .. Encoding.UTF8.GetBytes(after.Length > 0 ? "\n" + after : "")];
    }

    private static List<byte[]> Cut(byte[] bytes, DecisionTape tape)
    {
        var pieces = new List<byte[]>();
        for (var offset = 0; offset < bytes.Length;)
        {
            var length = Math.Min(1 + tape.Next(tape.OneIn(4) ? 3 : 64), bytes.Length - offset);
            pieces.Add(bytes[offset..(offset + length)]);
            offset += length;
        }

        return pieces;
    }
}
