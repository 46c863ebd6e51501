using System.Text.Json.Serialization;

namespace ClaudeProxy.Observability.Usage;

/// <summary>The attempts of a request, stored as one compact JSON text column.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AttemptLogEntry[]))]
internal sealed partial class UsageStoreJsonContext : JsonSerializerContext;
