using System.Text.Json.Serialization;

namespace ClaudeProxy.Security.Sessions;

/// <summary>The session API's JSON: camelCase names, as the panel reads them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SessionState))]
internal sealed partial class SessionJsonContext : JsonSerializerContext;
