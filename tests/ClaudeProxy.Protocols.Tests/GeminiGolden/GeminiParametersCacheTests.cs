using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Gemini;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>Tool schemas sent again on every turn are sanitized once; a cached answer is the one sanitizing gives.</summary>
public sealed class GeminiParametersCacheTests
{
    [Fact]
    public void A_schema_seen_before_gives_the_same_parameters_as_sanitizing_it()
    {
        var schema = Schema("path", Guid.NewGuid().ToString("N"));

        var first = Get(schema);
        var second = Get(schema);

        Assert.Equal(Sanitized(schema), first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Schemas_that_differ_in_one_byte_each_get_their_own_parameters()
    {
        var marker = Guid.NewGuid().ToString("N");
        var a = Schema("patha", marker);
        var b = Schema("pathb", marker);

        Assert.Equal(Sanitized(a), Get(a));
        Assert.Equal(Sanitized(b), Get(b));
        Assert.NotEqual(Get(a), Get(b));
    }

    [Fact]
    public void A_tool_without_arguments_has_no_parameters_however_often_it_is_seen()
    {
        var schema = $$$"""{"type":"object","description":"{{{Guid.NewGuid():N}}}","properties":{}}""";

        Assert.Equal("", Get(schema));
        Assert.Equal("", Get(schema));
    }

    [Fact]
    public void A_schema_the_sanitizer_refuses_is_refused_every_time()
    {
        var schema = $$$"""{"type":"object","description":"{{{Guid.NewGuid():N}}}","properties":{"a":{"type":"string"},"a":{"type":"number"} """ + "}}";

        Assert.Throws<ArgumentException>(() => Get(schema));
        Assert.Throws<ArgumentException>(() => Get(schema));
    }

    private static string Schema(string property, string marker) =>
        $$$"""{"type":"object","description":"{{{marker}}}","$schema":"https://json-schema.org/draft/2020-12/schema","properties":{"{{{property}}}":{"type":"string","minLength":1}},"additionalProperties":false}""";

    private static string Get(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return Encoding.UTF8.GetString(GeminiParametersCache.Get(document.RootElement));
    }

    private static string Sanitized(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return GeminiSchemaSanitizer.ForParameters(document.RootElement)!.ToJsonString();
    }
}
