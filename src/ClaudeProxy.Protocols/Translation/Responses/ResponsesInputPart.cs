using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Responses;

internal enum ResponsesInputPartKind
{
    Text,
    Image,
    File,
}

/// <summary>
/// One part of a message's <c>content</c>. Text keeps the client's JSON string element when it can, so
/// a long text is copied as it is; images and files keep their Anthropic <c>source</c>, written as a URL
/// (see <see cref="SourceUrl"/>) only when the request is.
/// </summary>
internal readonly record struct ResponsesInputPart(ResponsesInputPartKind Kind, JsonElement Source, string? Literal = null, string? FileName = null)
{
    public static ResponsesInputPart Text(JsonElement jsonString) => new(ResponsesInputPartKind.Text, jsonString);

    public static ResponsesInputPart Text(string literal) => new(ResponsesInputPartKind.Text, default, literal);

    public static ResponsesInputPart Image(JsonElement source) => new(ResponsesInputPartKind.Image, source);

    /// <summary>A PDF: <paramref name="fileName"/> goes with base64 data; a URL source is fetched by the upstream.</summary>
    public static ResponsesInputPart File(JsonElement source, string fileName) => new(ResponsesInputPartKind.File, source, FileName: fileName);

    /// <summary>Writes the part; text is <c>input_text</c> from the user and <c>output_text</c> from the assistant.</summary>
    public void Write(Utf8JsonWriter writer, ResponsesInputRole role)
    {
        writer.WriteStartObject();
        switch (Kind)
        {
            case ResponsesInputPartKind.Text:
                writer.WriteString("type"u8, role == ResponsesInputRole.User ? "input_text"u8 : "output_text"u8);
                writer.WritePropertyName("text"u8);
                if (Literal is null)
                {
                    writer.WriteRawValue(AnthropicRequestJson.RawToken(Source), skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(Literal);
                }

                break;
            case ResponsesInputPartKind.Image:
                writer.WriteString("type"u8, "input_image"u8);
                writer.WritePropertyName("image_url"u8);
                SourceUrl.Write(writer, Source);
                writer.WriteString("detail"u8, "auto"u8);
                break;
            case ResponsesInputPartKind.File when AnthropicRequestJson.BlockType(Source) == "url":
                writer.WriteString("type"u8, "input_file"u8);
                writer.WritePropertyName("file_url"u8);
                SourceUrl.Write(writer, Source);
                break;
            case ResponsesInputPartKind.File:
                writer.WriteString("type"u8, "input_file"u8);
                writer.WriteString("filename"u8, FileName);
                writer.WritePropertyName("file_data"u8);
                SourceUrl.Write(writer, Source);
                break;
        }

        writer.WriteEndObject();
    }
}
