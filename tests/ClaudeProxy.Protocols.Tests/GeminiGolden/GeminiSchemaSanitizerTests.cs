using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Gemini;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>The schema walk on its own: what it keeps, what it drops, and that it always ends.</summary>
public sealed class GeminiSchemaSanitizerTests
{
    private static JsonObject? Parameters(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return GeminiSchemaSanitizer.ForParameters(document.RootElement);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("format")]
    [InlineData("default")]
    [InlineData("examples")]
    [InlineData("properties")]
    [InlineData("required")]
    [InlineData("type")]
    [InlineData("$ref")]
    [InlineData("additionalProperties")]
    [InlineData("-A")]
    [InlineData("-i")]
    [InlineData("with space.and:dots")]
    public void A_property_is_kept_under_its_own_name_whatever_the_name(string name)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { [name] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray((JsonNode)name),
        };

        var parameters = Parameters(schema.ToJsonString())!;

        var property = Assert.IsType<JsonObject>(parameters["properties"]![name]);
        Assert.Equal("string", (string?)property["type"]);
        Assert.Equal(name, (string?)parameters["required"]![0]);
    }

    [Fact]
    public void Keywords_gemini_rejects_are_gone_at_every_depth()
    {
        var parameters = Parameters("""
            {"type":"object","additionalProperties":false,"$schema":"x","properties":{
              "a":{"type":"object","additionalProperties":false,"propertyNames":{"pattern":"x"},"properties":{
                "b":{"type":"array","uniqueItems":true,"items":{"type":"string","const":"k","exclusiveMaximum":3,"$comment":"c"}}}}}}
            """)!;

        var text = parameters.ToJsonString();
        foreach (var rejected in new[] { "additionalProperties", "$schema", "propertyNames", "uniqueItems", "const", "exclusiveMaximum", "$comment" })
        {
            Assert.DoesNotContain($"\"{rejected}\"", text, StringComparison.Ordinal);
        }

        Assert.Equal("k", (string?)parameters["properties"]!["a"]!["properties"]!["b"]!["items"]!["enum"]![0]);
    }

    [Fact]
    public void A_self_referencing_schema_ends_in_a_plain_object()
    {
        var parameters = Parameters("""
            {"type":"object","$defs":{"A":{"type":"object","properties":{"next":{"$ref":"#/$defs/A"},"value":{"type":"string"}}}},
             "properties":{"head":{"$ref":"#/$defs/A"}}}
            """)!;

        var head = parameters["properties"]!["head"]!;
        Assert.Equal("string", (string?)head["properties"]!["value"]!["type"]);
        Assert.Equal("""{"type":"object"}""", head["properties"]!["next"]!.ToJsonString());
    }

    [Fact]
    public void A_schema_that_doubles_at_every_level_is_cut_off_instead_of_growing_without_end()
    {
        // Each level refers to the next twice: inlining all of it would take 2^40 copies.
        var defs = new JsonObject();
        for (var i = 0; i < 40; i++)
        {
            defs[$"L{i}"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["left"] = new JsonObject { ["$ref"] = $"#/$defs/L{i + 1}" },
                    ["right"] = new JsonObject { ["$ref"] = $"#/$defs/L{i + 1}" },
                },
            };
        }

        defs["L40"] = new JsonObject { ["type"] = "string" };
        var schema = new JsonObject { ["type"] = "object", ["$defs"] = defs, ["properties"] = new JsonObject { ["root"] = new JsonObject { ["$ref"] = "#/$defs/L0" } } };

        var parameters = Parameters(schema.ToJsonString());

        Assert.NotNull(parameters);
        Assert.DoesNotContain("$ref", parameters.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{}}""")]
    [InlineData("""{"type":"object"}""")]
    [InlineData("""{}""")]
    [InlineData("""true""")]
    public void A_tool_without_arguments_gets_no_parameters(string schema) => Assert.Null(Parameters(schema));
}
