using System.Buffers;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace ClaudeProxy.Protocols.Tokens;

/// <summary>
/// One forward pass over a count_tokens body for <see cref="MessageTokenCounter"/>. Every
/// <c>Count…</c> method starts with the reader on the first token of a value and leaves it on
/// that value's last token (its end token, or the scalar itself), like
/// <see cref="Utf8JsonReader.Skip"/>. Strings are unescaped into one pooled buffer that grows
/// as needed; nothing is allocated per string.
/// </summary>
internal ref struct RequestTokenWalker
{
    private readonly ReadOnlySpan<byte> _body;
    private readonly Tokenizer _tokenizer;
    private Utf8JsonReader _reader;
    private char[]? _chars;
    private char[]? _json;
    private int _jsonLength;

    public RequestTokenWalker(ReadOnlySpan<byte> body, Tokenizer tokenizer)
    {
        _body = body;
        _tokenizer = tokenizer;
        _reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
    }

    private enum BlockKind
    {
        Other,
        Image,
        Document,
        ToolBlock,
    }

    private enum SourceKind
    {
        None,
        Text,
        Content,
        Binary,
    }

    private enum ArrayItem
    {
        Message,
        Tool,
        Block,
    }

    public long CountRequest()
    {
        if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("The request body must be a JSON object.");
        }

        long total = MessageTokenCounter.RequestOverhead;
        while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            if (_reader.ValueTextEquals("messages"u8))
            {
                _reader.Read();
                total += CountArray(ArrayItem.Message);
            }
            else if (_reader.ValueTextEquals("system"u8))
            {
                _reader.Read();
                total += CountSystem();
            }
            else if (_reader.ValueTextEquals("tools"u8))
            {
                _reader.Read();
                total += CountArray(ArrayItem.Tool);
            }
            else if (_reader.ValueTextEquals("tool_choice"u8))
            {
                _reader.Read();
                total += CountToolChoice();
            }
            else if (_reader.ValueTextEquals("output_config"u8))
            {
                _reader.Read();
                total += CountOutputConfig();
            }
            else
            {
                _reader.Read();
                _reader.Skip();
            }
        }

        // Proves the rest of the body is well-formed: a truncated object or a trailing value throws.
        while (_reader.Read())
        {
        }

        return total;
    }

    public void Dispose()
    {
        if (_chars is not null)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = null;
        }

        if (_json is not null)
        {
            ArrayPool<char>.Shared.Return(_json);
            _json = null;
        }
    }

    private long CountArray(ArrayItem item)
    {
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            _reader.Skip();
            return 0;
        }

        long total = 0;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            total += item switch
            {
                ArrayItem.Message => CountMessage(),
                ArrayItem.Tool => CountTool(),
                _ => CountBlock(),
            };
        }

        return total;
    }

    private long CountSystem()
    {
        switch (_reader.TokenType)
        {
            case JsonTokenType.String:
                return MessageTokenCounter.MessageOverhead + CountString(ref _reader);
            case JsonTokenType.StartArray:
                return MessageTokenCounter.MessageOverhead + CountArray(ArrayItem.Block);
            default:
                _reader.Skip();
                return 0;
        }
    }

    private long CountMessage()
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            _reader.Skip();
            return MessageTokenCounter.MessageOverhead;
        }

        long total = MessageTokenCounter.MessageOverhead;
        while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            var isContent = _reader.ValueTextEquals("content"u8);
            _reader.Read();
            if (isContent)
            {
                total += CountContent();
            }
            else
            {
                _reader.Skip();
            }
        }

        return total;
    }

    /// <summary>A <c>content</c> value: a string, an array of blocks, or a single block object.</summary>
    private long CountContent() => _reader.TokenType switch
    {
        JsonTokenType.String => CountString(ref _reader),
        JsonTokenType.StartArray => CountArray(ArrayItem.Block),
        JsonTokenType.StartObject => CountBlockObject(),
        _ => SkipValue(),
    };

    private long CountBlock() => _reader.TokenType switch
    {
        // Not a valid block, but its text is what a lenient upstream would read.
        JsonTokenType.String => CountString(ref _reader),
        JsonTokenType.StartObject => CountBlockObject(),
        _ => SkipValue(),
    };

    /// <summary>
    /// A content block. Its fields may come in any order, so the text of every field that carries
    /// text is summed as it goes, and the block's type is applied at the end.
    /// </summary>
    private long CountBlockObject()
    {
        var kind = BlockKind.Other;
        long text = 0;
        var sourceKind = SourceKind.None;
        long sourceText = 0;
        while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            if (_reader.ValueTextEquals("type"u8))
            {
                _reader.Read();
                kind = _reader.TokenType == JsonTokenType.String ? ClassifyBlock(ref _reader) : BlockKind.Other;
                _reader.Skip();
            }
            else if (_reader.ValueTextEquals("text"u8)
                || _reader.ValueTextEquals("thinking"u8)
                || _reader.ValueTextEquals("name"u8)
                || _reader.ValueTextEquals("title"u8)
                || _reader.ValueTextEquals("context"u8))
            {
                _reader.Read();
                text += CountStringValue();
            }
            else if (_reader.ValueTextEquals("input"u8))
            {
                _reader.Read();
                text += CountJson();
            }
            else if (_reader.ValueTextEquals("content"u8))
            {
                _reader.Read();
                text += CountContent();
            }
            else if (_reader.ValueTextEquals("source"u8))
            {
                _reader.Read();
                if (_reader.TokenType == JsonTokenType.String)
                {
                    // A search_result's source is its URL or name.
                    text += CountString(ref _reader);
                }
                else if (_reader.TokenType == JsonTokenType.StartObject)
                {
                    sourceText = CountSource(out sourceKind);
                }
                else
                {
                    _reader.Skip();
                }
            }
            else
            {
                _reader.Read();
                _reader.Skip();
            }
        }

        var sourceIsText = sourceKind is SourceKind.Text or SourceKind.Content;
        return kind switch
        {
            BlockKind.Image => MessageTokenCounter.ImageTokens,
            BlockKind.Document => text + (sourceIsText ? sourceText : MessageTokenCounter.PdfDocumentTokens),
            BlockKind.ToolBlock => text + MessageTokenCounter.ToolBlockOverhead,
            _ => text + (sourceIsText ? sourceText : 0),
        };
    }

    private static BlockKind ClassifyBlock(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("image"u8))
        {
            return BlockKind.Image;
        }

        if (reader.ValueTextEquals("document"u8))
        {
            return BlockKind.Document;
        }

        if (reader.ValueTextEquals("tool_use"u8)
            || reader.ValueTextEquals("server_tool_use"u8)
            || reader.ValueTextEquals("mcp_tool_use"u8)
            || reader.ValueTextEquals("tool_result"u8)
            || (!reader.ValueIsEscaped && reader.ValueSpan.EndsWith("_tool_result"u8)))
        {
            return BlockKind.ToolBlock;
        }

        return BlockKind.Other;
    }

    /// <summary>
    /// A document or image <c>source</c>. Its <c>data</c> is read only when the source turns out to
    /// be plain text, which may be decided by a <c>type</c> that comes after it; so the position of
    /// <c>data</c> is remembered and it is decoded at the end. Base64 payloads are never decoded.
    /// </summary>
    private long CountSource(out SourceKind kind)
    {
        kind = SourceKind.None;
        long content = 0;
        var dataStart = -1;
        var dataLength = 0;
        while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            if (_reader.ValueTextEquals("type"u8))
            {
                _reader.Read();
                if (_reader.TokenType == JsonTokenType.String)
                {
                    kind = _reader.ValueTextEquals("text"u8) ? SourceKind.Text
                        : _reader.ValueTextEquals("content"u8) ? SourceKind.Content
                        : SourceKind.Binary;
                }
                else
                {
                    _reader.Skip();
                }
            }
            else if (_reader.ValueTextEquals("data"u8))
            {
                _reader.Read();
                if (_reader.TokenType == JsonTokenType.String)
                {
                    // The whole string token, quotes included: a JSON document of its own.
                    dataStart = checked((int)_reader.TokenStartIndex);
                    dataLength = _reader.ValueSpan.Length + 2;
                }
                else
                {
                    _reader.Skip();
                }
            }
            else if (_reader.ValueTextEquals("content"u8))
            {
                _reader.Read();
                content += CountContent();
            }
            else
            {
                _reader.Read();
                _reader.Skip();
            }
        }

        if (kind == SourceKind.Text && dataStart >= 0)
        {
            var data = new Utf8JsonReader(_body.Slice(dataStart, dataLength));
            data.Read();
            return CountString(ref data);
        }

        return kind == SourceKind.Content ? content : 0;
    }

    private long CountTool()
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            _reader.Skip();
            return MessageTokenCounter.ToolDefinitionOverhead;
        }

        long total = MessageTokenCounter.ToolDefinitionOverhead;
        while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            if (_reader.ValueTextEquals("name"u8) || _reader.ValueTextEquals("description"u8))
            {
                _reader.Read();
                total += CountStringValue();
            }
            else if (_reader.ValueTextEquals("input_schema"u8))
            {
                _reader.Read();
                total += CountJson();
            }
            else
            {
                _reader.Read();
                _reader.Skip();
            }
        }

        return total;
    }

    private long CountToolChoice()
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            _reader.Skip();
            return 0;
        }

        long total = 0;
        while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = _reader.ValueTextEquals("name"u8);
            _reader.Read();
            total += isName ? CountStringValue() : SkipValue();
        }

        return total;
    }

    private long CountOutputConfig()
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            _reader.Skip();
            return 0;
        }

        long total = 0;
        while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFormat = _reader.ValueTextEquals("format"u8);
            _reader.Read();
            total += isFormat ? CountJson() : SkipValue();
        }

        return total;
    }

    private long SkipValue()
    {
        _reader.Skip();
        return 0;
    }

    private long CountStringValue() =>
        _reader.TokenType == JsonTokenType.String ? CountString(ref _reader) : SkipValue();

    /// <summary>Tokens of the string <paramref name="reader"/> is on, unescaped.</summary>
    private int CountString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (raw.IsEmpty)
        {
            return 0;
        }

        // Unescaping never makes the text longer, and each UTF-8 byte gives at most one UTF-16 char.
        var chars = RentChars(raw.Length);
        var written = reader.CopyString(chars);
        return BoundedTokenCount.Count(_tokenizer, chars.AsSpan(0, written));
    }

    /// <summary>
    /// Tokens of the value the reader is on, written as compact JSON the way
    /// <c>JSON.stringify</c> writes it (no insignificant whitespace; non-ASCII text, emoji
    /// included, as itself rather than <c>\uXXXX</c>), which is how a tool's input or schema
    /// reaches the model.
    /// </summary>
    private int CountJson()
    {
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return 0;
        }

        _jsonLength = 0;
        var depth = _reader.CurrentDepth;
        var needComma = false;
        while (true)
        {
            var token = _reader.TokenType;
            if (needComma && token is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
            {
                AppendJson(',');
            }

            switch (token)
            {
                case JsonTokenType.StartObject:
                    AppendJson('{');
                    needComma = false;
                    break;
                case JsonTokenType.StartArray:
                    AppendJson('[');
                    needComma = false;
                    break;
                case JsonTokenType.EndObject:
                    AppendJson('}');
                    needComma = true;
                    break;
                case JsonTokenType.EndArray:
                    AppendJson(']');
                    needComma = true;
                    break;
                case JsonTokenType.PropertyName:
                    AppendJsonString();
                    AppendJson(':');
                    needComma = false;
                    break;
                case JsonTokenType.String:
                    AppendJsonString();
                    needComma = true;
                    break;
                default:
                    // Numbers and literals are ASCII: copied as they are.
                    var raw = _reader.ValueSpan;
                    var destination = GrowJson(raw.Length);
                    for (var i = 0; i < raw.Length; i++)
                    {
                        destination[i] = (char)raw[i];
                    }

                    _jsonLength += raw.Length;
                    needComma = true;
                    break;
            }

            if (_reader.CurrentDepth == depth
                && token is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                break;
            }

            _reader.Read();
        }

        return BoundedTokenCount.Count(_tokenizer, _json.AsSpan(0, _jsonLength));
    }

    /// <summary>Appends the string or property name the reader is on, quoted and minimally escaped.</summary>
    private void AppendJsonString()
    {
        var raw = _reader.ValueSpan;
        var chars = RentChars(Math.Max(raw.Length, 1));
        var length = _reader.CopyString(chars);
        AppendJson('"');
        foreach (var c in chars.AsSpan(0, length))
        {
            switch (c)
            {
                case '"':
                    AppendJson('\\', '"');
                    break;
                case '\\':
                    AppendJson('\\', '\\');
                    break;
                case '\n':
                    AppendJson('\\', 'n');
                    break;
                case '\r':
                    AppendJson('\\', 'r');
                    break;
                case '\t':
                    AppendJson('\\', 't');
                    break;
                case < ' ':
                    AppendJson('\\', 'u');
                    AppendJson('0', '0');
                    AppendJson(HexDigit(c >> 4), HexDigit(c & 0xF));
                    break;
                default:
                    AppendJson(c);
                    break;
            }
        }

        AppendJson('"');
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    private void AppendJson(char c)
    {
        GrowJson(1)[0] = c;
        _jsonLength++;
    }

    private void AppendJson(char first, char second)
    {
        var destination = GrowJson(2);
        destination[0] = first;
        destination[1] = second;
        _jsonLength += 2;
    }

    /// <summary>Room for at least <paramref name="count"/> more characters of compact JSON.</summary>
    private Span<char> GrowJson(int count)
    {
        if (_json is null || _json.Length - _jsonLength < count)
        {
            var grown = ArrayPool<char>.Shared.Rent(Math.Max(Math.Max(1024, _jsonLength + count), (_json?.Length ?? 0) * 2));
            if (_json is not null)
            {
                _json.AsSpan(0, _jsonLength).CopyTo(grown);
                ArrayPool<char>.Shared.Return(_json);
            }

            _json = grown;
        }

        return _json.AsSpan(_jsonLength);
    }

    private char[] RentChars(int length)
    {
        if (_chars is null || _chars.Length < length)
        {
            if (_chars is not null)
            {
                ArrayPool<char>.Shared.Return(_chars);
            }

            _chars = ArrayPool<char>.Shared.Rent(Math.Max(length, 1024));
        }

        return _chars;
    }
}
