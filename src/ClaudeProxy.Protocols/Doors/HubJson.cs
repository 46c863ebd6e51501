using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors;

/// <summary>Lenient reads of the hub's event fields: a missing field or one of another kind reads as absent.</summary>
internal static class HubJson
{
    /// <summary>The string value of <paramref name="name"/>, or null when it is missing or not a string.</summary>
    public static string? StringOf(JsonElement owner, ReadOnlySpan<byte> name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The event's content block <c>index</c>; -1 when it has none.</summary>
    public static long BlockIndex(JsonElement root) =>
        root.TryGetProperty("index"u8, out var index) && index.ValueKind == JsonValueKind.Number && index.TryGetInt64(out var value) ? value : -1;
}
