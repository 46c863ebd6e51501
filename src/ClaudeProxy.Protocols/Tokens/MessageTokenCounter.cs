using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace ClaudeProxy.Protocols.Tokens;

/// <summary>
/// Answers <c>POST /v1/messages/count_tokens</c> locally, for upstreams that have no Anthropic
/// count endpoint. The estimate tokenizes every piece of text the model would read with OpenAI's
/// <c>o200k_base</c> BPE vocabulary (Claude's own tokenizer is not public; o200k_base is a close,
/// usually slightly low, stand-in) and adds small fixed overheads for structure.
/// </summary>
/// <remarks>
/// <para>What is counted:</para>
/// <list type="bullet">
/// <item><c>system</c>: a string, or the text of its blocks, plus <see cref="MessageOverhead"/>.</item>
/// <item>Each message: <see cref="MessageOverhead"/> plus its content, a string or blocks:
/// <c>text</c>; <c>thinking</c> text; <c>tool_use</c> / <c>server_tool_use</c> name and compact
/// <c>input</c> JSON; <c>tool_result</c> content (a string or nested blocks); documents with a
/// plain-text or content source, with their title and context; search results.
/// Tool blocks (<c>tool_use</c>, <c>tool_result</c>, <c>*_tool_result</c>) add
/// <see cref="ToolBlockOverhead"/> each.</item>
/// <item>Images count <see cref="ImageTokens"/> each and PDF (base64, URL or file) documents
/// <see cref="PdfDocumentTokens"/> each, whatever their size: the pixels and pages are not
/// decoded.</item>
/// <item>Each tool definition: name, description and compact <c>input_schema</c> JSON, plus
/// <see cref="ToolDefinitionOverhead"/>.</item>
/// <item><c>tool_choice</c>: the forced tool's name. <c>output_config.format</c>: its compact JSON.</item>
/// <item>The request as a whole: <see cref="RequestOverhead"/>.</item>
/// </list>
/// <para>Not counted: signatures, <c>redacted_thinking</c> data, ids, <c>cache_control</c>,
/// <c>citations</c>, the <c>thinking</c> configuration and sampling parameters.</para>
/// <para>Counting takes time linear in the text: see <see cref="CountText"/> for how long
/// unbroken runs are handled.</para>
/// <para>Every message and tool adds a positive amount, so adding one never lowers the count.
/// The tokenizer is loaded once, on first use (or by <see cref="Preload"/>), and is safe to use
/// from many threads.</para>
/// </remarks>
public static class MessageTokenCounter
{
    /// <summary>
    /// Fixed estimate for one image. Anthropic bills about width × height / 750 tokens and scales
    /// larger images down to about 1.15 megapixels, so about 1,600 is the most an image costs.
    /// </summary>
    public const int ImageTokens = 1_600;

    /// <summary>
    /// Fixed estimate for one PDF document (base64, URL or file source). Anthropic bills 1,500–3,000
    /// tokens per page, text and page image together; the pages are not counted here.
    /// </summary>
    public const int PdfDocumentTokens = 3_000;

    /// <summary>Added once per request: the start of the assistant's reply.</summary>
    public const int RequestOverhead = 3;

    /// <summary>Added per message, and once for a present <c>system</c>: the role header and turn delimiters.</summary>
    public const int MessageOverhead = 4;

    /// <summary>Added per tool definition: the framing around its name, description and schema.</summary>
    public const int ToolDefinitionOverhead = 8;

    /// <summary>Added per tool call or tool result block: its id and framing.</summary>
    public const int ToolBlockOverhead = 4;

    /// <summary>The name of the vocabulary the counts are made with.</summary>
    public const string EncodingName = "o200k_base";

    private static readonly Lazy<Tokenizer> s_tokenizer =
        new(() => TiktokenTokenizer.CreateForEncoding(EncodingName), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Loads the vocabulary now (it takes a few hundred milliseconds) so that the first
    /// count_tokens request does not wait for it.
    /// </summary>
    public static void Preload() => _ = s_tokenizer.Value;

    /// <summary>
    /// Tokens in <paramref name="text"/>, with no overhead added. Runs of more than 512 characters
    /// of one kind (letters, digits, whitespace or symbols) with no break are counted in parts, to
    /// keep the time linear; this can add about one token per 512 characters of such a run.
    /// </summary>
    public static int CountText(ReadOnlySpan<char> text) =>
        text.IsEmpty ? 0 : BoundedTokenCount.Count(s_tokenizer.Value, text);

    /// <summary>
    /// Estimates <c>input_tokens</c> for the body of an Anthropic <c>count_tokens</c> (or Messages)
    /// request, read in one forward pass.
    /// </summary>
    /// <param name="countTokensRequestJson">The request body as UTF-8 JSON.</param>
    /// <returns>The estimate; at least <see cref="RequestOverhead"/>.</returns>
    /// <exception cref="FormatException">
    /// The body is empty, not well-formed JSON, not a JSON object, or holds a string that is not
    /// valid UTF-8. The message says which; callers answer 400 <c>invalid_request_error</c>.
    /// </exception>
    public static int Count(ReadOnlySpan<byte> countTokensRequestJson)
    {
        if (countTokensRequestJson.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new FormatException("The request body is empty; expected a JSON object.");
        }

        // Loaded outside the try below, so a broken tokenizer is never reported as bad input.
        var tokenizer = s_tokenizer.Value;
        var walker = new RequestTokenWalker(countTokensRequestJson, tokenizer);
        try
        {
            var total = walker.CountRequest();
            return total > int.MaxValue ? int.MaxValue : (int)total;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The request body is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Thrown when a JSON string cannot be decoded (invalid UTF-8, a lone surrogate escape).
            throw new FormatException($"The request body is not valid JSON: {ex.Message}", ex);
        }
        finally
        {
            walker.Dispose();
        }
    }
}
