using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Admin;

/// <summary>The usage API's JSON: camelCase names, as the panel reads them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LogPage))]
[JsonSerializable(typeof(RequestLogEntry))]
[JsonSerializable(typeof(UsageStats))]
internal sealed partial class UsageApiJsonContext : JsonSerializerContext;

/// <summary>
/// The options the usage API writes with: <see cref="UsageApiJsonContext"/>'s metadata, but a log item
/// carries <c>requestBody</c>/<c>responseBody</c> only when bodies were stored (never in a list, which
/// does not read them).
/// </summary>
internal static class UsageApiJson
{
    // A copy of the context's options keeps its camelCase policy, which names are built from.
    public static readonly JsonSerializerOptions Options = new(UsageApiJsonContext.Default.Options)
    {
        TypeInfoResolver = UsageApiJsonContext.Default.WithAddedModifier(OmitMissingBodies),
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonTypeInfo Type<T>() => Options.GetTypeInfo(typeof(T));

    private static void OmitMissingBodies(JsonTypeInfo type)
    {
        if (type.Type != typeof(RequestLogEntry))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.Name is "requestBody" or "responseBody")
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }
}
