using System.Text.Json;
using System.Text.Json.Serialization;
using ClaudeProxy.Observability.Events;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Admin;

/// <summary>The data of a <c>health</c> event; fields that do not apply to its type are left out.</summary>
internal sealed record HealthEventData(
    string Type,
    DateTimeOffset Time,
    string Channel,
    string ChannelId,
    string? Key,
    int? KeyIndex,
    DateTimeOffset? Until,
    string? Reason,
    int? Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthEventData))]
internal sealed partial class LiveEventJsonContext : JsonSerializerContext;

/// <summary>
/// What <c>/api/events</c> sends: a <c>request</c> event is exactly the request's <c>/api/logs</c> item,
/// a <c>health</c> event one <see cref="HealthChange"/> with the key masked.
/// </summary>
public static class LiveEventJson
{
    private static readonly JsonSerializerOptions HealthEventOptions = new(LiveEventJsonContext.Default.Options)
    {
        TypeInfoResolver = LiveEventJsonContext.Default,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static GatewayEvent Request(RequestLogEntry stored)
    {
        ArgumentNullException.ThrowIfNull(stored);

        // As a log page lists it: the store keeps whole milliseconds, and a list item carries no bodies.
        var item = stored with
        {
            Time = DateTimeOffset.FromUnixTimeMilliseconds(stored.Time.ToUnixTimeMilliseconds()),
            RequestBody = null,
            ResponseBody = null,
        };
        return new GatewayEvent(GatewayEvent.Request, JsonSerializer.Serialize(item, UsageApiJson.Type<RequestLogEntry>()));
    }

    public static GatewayEvent Health(HealthChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var data = new HealthEventData(TypeName(change.Kind), change.Time, change.ChannelName, change.ChannelId, change.Key, change.KeyIndex,
            change.Until, change.Reason?.ApiName(), change.Status);
        return new GatewayEvent(GatewayEvent.Health, JsonSerializer.Serialize(data, HealthEventOptions.GetTypeInfo(typeof(HealthEventData))));
    }

    public static string TypeName(HealthChangeKind kind) => kind switch
    {
        HealthChangeKind.KeyRested => "key_rested",
        HealthChangeKind.KeyBack => "key_back",
        HealthChangeKind.CircuitOpened => "circuit_opened",
        HealthChangeKind.CircuitHalfOpen => "circuit_half_open",
        HealthChangeKind.CircuitClosed => "circuit_closed",
        _ => kind.ToString(),
    };
}
