using System.Text.Json.Serialization;
using ClaudeProxy.Proxy;

namespace ClaudeProxy.Hosting;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(GatewayInfo))]
[JsonSerializable(typeof(ModelListPage))]
[JsonSerializable(typeof(ModelListEntry))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
