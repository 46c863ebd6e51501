using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeProxy.Configuration;

/// <summary>
/// Reads a price: a JSON number as itself, anything else (a string, an object, …) as NaN, which
/// <see cref="ConfigValidator"/> reports as "expected a non-negative number" under the field's own
/// name — the deserializer's type error would name neither the field nor the fix.
/// </summary>
public sealed class PriceNumberConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value))
        {
            return value;
        }

        reader.Skip();
        return double.NaN;
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
