using System.Text.Json.Serialization;

namespace ClaudeProxy.Fleet;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AuthLockoutFact))]
[JsonSerializable(typeof(HealthFact))]
[JsonSerializable(typeof(InstanceBeat))]
[JsonSerializable(typeof(ConfigNotice))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;
