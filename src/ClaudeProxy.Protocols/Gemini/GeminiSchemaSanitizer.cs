using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Protocols.Gemini;

/// <summary>
/// Turns a tool's JSON Schema into the OpenAPI subset Gemini's <c>FunctionDeclaration.parameters</c>
/// accepts. It is an allow-list walk over schema keywords: keys Gemini rejects
/// (<c>$schema</c>, <c>additionalProperties</c>, <c>propertyNames</c>, <c>exclusiveMinimum</c>, …) are
/// left out, <c>const</c> becomes <c>enum</c>, type arrays with <c>null</c> become <c>nullable</c>,
/// local <c>$ref</c>s are inlined (a recursive or unresolvable one becomes <c>{"type":"object"}</c>),
/// arrays get an <c>items</c> schema and empty <c>properties</c> maps are dropped. The names inside a
/// <c>properties</c> map are data, not keywords: every property is kept under its own name, even one
/// called <c>title</c>, <c>format</c> or <c>-A</c>.
/// </summary>
public static class GeminiSchemaSanitizer
{
    // Deep enough for real tools; a deeper (or exponentially self-referencing) schema is cut to a plain object.
    private const int MaxDepth = 32;

    private static readonly string[] CopiedStrings = ["title", "description", "pattern"];

    private static readonly string[] CopiedNumbers =
        ["minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "minProperties", "maxProperties"];

    /// <summary>
    /// The <c>parameters</c> of a function declaration for <paramref name="inputSchema"/>, or null when the
    /// tool takes no arguments (Gemini rejects an OBJECT with empty <c>properties</c>: omit the field).
    /// </summary>
    public static JsonObject? ForParameters(JsonElement inputSchema)
    {
        if (inputSchema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var root = JsonNode.Parse(inputSchema.GetRawText())!.AsObject();
        var parameters = Sanitize(root);
        if (parameters["properties"] is not JsonObject { Count: > 0 })
        {
            return null;
        }

        parameters["type"] = "object";
        return parameters;
    }

    /// <summary>The Gemini form of one schema; <paramref name="schema"/> is also the root its <c>$ref</c>s resolve against.</summary>
    public static JsonObject Sanitize(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new Walk(schema).Clean(schema, 0);
    }

    private sealed class Walk(JsonObject root)
    {
        private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

        public JsonObject Clean(JsonNode? node, int depth)
        {
            if (node is not JsonObject schema)
            {
                // true, {} or a non-schema: any value.
                return [];
            }

            if (depth > MaxDepth)
            {
                return PlainObject();
            }

            if (schema["$ref"] is JsonValue refValue && refValue.GetValueKind() == JsonValueKind.String)
            {
                return CleanReference(schema, refValue.GetValue<string>(), depth);
            }

            if (schema["allOf"] is JsonArray allOf)
            {
                return Clean(MergeAllOf(schema, allOf), depth + 1);
            }

            var (types, nullable) = ReadTypes(schema);
            if (types.Count > 1)
            {
                // Several real types: one variant per type, each with the keywords that fit it.
                var variants = new JsonArray();
                foreach (var type in types)
                {
                    var single = Copy(schema);
                    single["type"] = type;
                    single.Remove("nullable");
                    single.Remove("description");
                    variants.Add((JsonNode)Clean(single, depth + 1));
                }

                var union = new JsonObject { ["anyOf"] = variants };
                CopyString(schema, union, "description");
                if (nullable)
                {
                    union["nullable"] = true;
                }

                return union;
            }

            var result = new JsonObject();
            var resultType = types.Count == 1 ? types[0] : InferType(schema);
            if (resultType is not null)
            {
                result["type"] = resultType;
            }

            nullable |= schema["nullable"] is JsonValue n && n.GetValueKind() == JsonValueKind.True;
            var variantsNode = schema["anyOf"] as JsonArray ?? schema["oneOf"] as JsonArray;
            if (variantsNode is not null)
            {
                nullable |= CleanVariants(variantsNode, result, depth);
            }

            if (nullable)
            {
                result["nullable"] = true;
            }

            foreach (var key in CopiedStrings)
            {
                CopyString(schema, result, key);
            }

            foreach (var key in CopiedNumbers)
            {
                if (schema[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
                {
                    result[key] = value.DeepClone();
                }
            }

            CopyValue(schema, result, "default");
            CopyExample(schema, result);
            CopyFormat(schema, result, resultType);
            CopyEnum(schema, result, resultType);
            switch (resultType)
            {
                case "object":
                    CopyProperties(schema, result, depth);
                    break;
                case "array":
                    result["items"] = ItemsSchema(schema, depth);
                    break;
            }

            return result;
        }

        private JsonObject CleanReference(JsonObject schema, string reference, int depth)
        {
            var target = Resolve(reference);
            if (target is null || !_expanding.Add(reference))
            {
                // Recursive or not resolvable here: Gemini takes no $ref, so the closest safe schema.
                var plain = PlainObject();
                CopyString(schema, plain, "description");
                return plain;
            }

            try
            {
                // Keywords next to $ref apply too; they win over the target's.
                var merged = Copy(target);
                foreach (var (key, value) in schema)
                {
                    if (key != "$ref")
                    {
                        merged[key] = value?.DeepClone();
                    }
                }

                return Clean(merged, depth + 1);
            }
            finally
            {
                _expanding.Remove(reference);
            }
        }

        /// <summary>A JSON pointer into this schema (<c>#/$defs/X</c>, <c>#/definitions/X</c>, …); null when it is not local or leads nowhere.</summary>
        private JsonObject? Resolve(string reference)
        {
            if (!reference.StartsWith('#'))
            {
                return null;
            }

            JsonNode? node = root;
            foreach (var token in Uri.UnescapeDataString(reference[1..]).Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                node = node switch
                {
                    JsonObject obj => obj[name],
                    JsonArray array when int.TryParse(name, System.Globalization.CultureInfo.InvariantCulture, out var i) && i >= 0 && i < array.Count => array[i],
                    _ => null,
                };
            }

            return node as JsonObject;
        }

        /// <summary>Folds <c>allOf</c> into one schema: properties and required lists unite, other keywords keep the first value seen.</summary>
        private static JsonObject MergeAllOf(JsonObject schema, JsonArray allOf)
        {
            var merged = Copy(schema);
            merged.Remove("allOf");
            foreach (var part in allOf.OfType<JsonObject>())
            {
                foreach (var (key, value) in part)
                {
                    switch (key)
                    {
                        case "properties" when value is JsonObject properties:
                            var into = merged["properties"] as JsonObject ?? [];
                            foreach (var (name, property) in properties)
                            {
                                into[name] ??= property?.DeepClone();
                            }

                            merged["properties"] = into;
                            break;
                        case "required" when value is JsonArray required:
                            var all = merged["required"] as JsonArray ?? [];
                            foreach (var name in required)
                            {
                                all.Add(name?.DeepClone());
                            }

                            merged["required"] = all;
                            break;
                        default:
                            if (!merged.ContainsKey(key))
                            {
                                merged[key] = value?.DeepClone();
                            }

                            break;
                    }
                }
            }

            return merged;
        }

        /// <summary>Writes the cleaned non-null variants into <paramref name="result"/>; returns true when one of them was <c>null</c>.</summary>
        private bool CleanVariants(JsonArray variants, JsonObject result, int depth)
        {
            var nullable = false;
            var kept = new List<JsonObject>();
            foreach (var variant in variants)
            {
                if (variant is JsonObject v && v.Count == 1 && v["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String && t.GetValue<string>() == "null")
                {
                    nullable = true;
                    continue;
                }

                kept.Add(Clean(variant, depth + 1));
            }

            if (kept.Count == 1 && !result.ContainsKey("type"))
            {
                // anyOf [X, null]: X itself, nullable.
                foreach (var (key, value) in kept[0].ToList())
                {
                    kept[0].Remove(key);
                    result[key] = value;
                }
            }
            else if (kept.Count > 0)
            {
                result["anyOf"] = new JsonArray([.. kept]);
            }

            return nullable;
        }

        private void CopyProperties(JsonObject schema, JsonObject result, int depth)
        {
            if (schema["properties"] is not JsonObject properties || properties.Count == 0)
            {
                return;
            }

            var cleaned = new JsonObject();
            foreach (var (name, property) in properties)
            {
                // The name is the tool's own: never renamed, never dropped.
                cleaned[name] = Clean(property, depth + 1);
            }

            result["properties"] = cleaned;
            if (schema["required"] is JsonArray required)
            {
                var names = new JsonArray();
                foreach (var name in required.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).Distinct(StringComparer.Ordinal))
                {
                    // Gemini rejects a required name that is not a property.
                    if (cleaned.ContainsKey(name))
                    {
                        names.Add((JsonNode)name);
                    }
                }

                if (names.Count > 0)
                {
                    result["required"] = names;
                }
            }
        }

        private JsonObject ItemsSchema(JsonObject schema, int depth) => (schema["items"] ?? schema["prefixItems"]) switch
        {
            JsonObject items => Clean(items, depth + 1),

            // A tuple: Gemini has one items schema, so the first element's.
            JsonArray { Count: > 0 } tuple => Clean(tuple[0], depth + 1),

            // MCP tools send arrays without items; Gemini answers 400 to those.
            _ => new JsonObject { ["type"] = "string" },
        };
    }

    private static (List<string> Types, bool Nullable) ReadTypes(JsonObject schema)
    {
        var types = new List<string>();
        var nullable = false;
        switch (schema["type"])
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                types.Add(value.GetValue<string>().ToLowerInvariant());
                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String))
                {
                    var type = item.GetValue<string>().ToLowerInvariant();
                    if (type == "null")
                    {
                        nullable = true;
                    }
                    else if (!types.Contains(type))
                    {
                        types.Add(type);
                    }
                }

                break;
        }

        return (types, nullable);
    }

    private static string? InferType(JsonObject schema) =>
        schema.ContainsKey("properties") ? "object"
        : schema.ContainsKey("items") || schema.ContainsKey("prefixItems") ? "array"
        : schema.ContainsKey("enum") || schema["const"] is JsonValue { } c && c.GetValueKind() == JsonValueKind.String ? "string"
        : null;

    /// <summary>Gemini takes <c>format</c> only where its Schema defines one: enum and date-time on strings, float/double and int32/int64 on numbers.</summary>
    private static void CopyFormat(JsonObject schema, JsonObject result, string? type)
    {
        if (schema["format"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var format = value.GetValue<string>();
        var allowed = type switch
        {
            "string" => format is "enum" or "date-time",
            "number" => format is "float" or "double",
            "integer" => format is "int32" or "int64",
            _ => false,
        };
        if (allowed)
        {
            result["format"] = format;
        }
    }

    /// <summary><c>enum</c> is for strings only; <c>const</c> becomes a one-value enum.</summary>
    private static void CopyEnum(JsonObject schema, JsonObject result, string? type)
    {
        if (type != "string")
        {
            return;
        }

        var values = new JsonArray();
        if (schema["enum"] is JsonArray list)
        {
            foreach (var item in list.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String))
            {
                values.Add((JsonNode)item.GetValue<string>());
            }
        }
        else if (schema["const"] is JsonValue constant && constant.GetValueKind() == JsonValueKind.String)
        {
            values.Add((JsonNode)constant.GetValue<string>());
        }

        if (values.Count > 0)
        {
            result["enum"] = values;
        }
    }

    private static void CopyExample(JsonObject schema, JsonObject result)
    {
        if (schema.ContainsKey("example"))
        {
            CopyValue(schema, result, "example");
        }
        else if (schema["examples"] is JsonArray { Count: > 0 } examples)
        {
            result["example"] = examples[0]?.DeepClone();
        }
    }

    private static void CopyString(JsonObject from, JsonObject to, string key)
    {
        if (from[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            to[key] = value.GetValue<string>();
        }
    }

    private static void CopyValue(JsonObject from, JsonObject to, string key)
    {
        if (from.TryGetPropertyValue(key, out var value) && value is not null)
        {
            to[key] = value.DeepClone();
        }
    }

    private static JsonObject Copy(JsonObject schema) => schema.DeepClone().AsObject();

    private static JsonObject PlainObject() => new() { ["type"] = "object" };
}
