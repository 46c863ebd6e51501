using System.Text.Json.Serialization;

namespace ClaudeProxy.Configuration;

[JsonSourceGenerationOptions(
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ProxyConfig))]
[JsonSerializable(typeof(ChannelConfig))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
