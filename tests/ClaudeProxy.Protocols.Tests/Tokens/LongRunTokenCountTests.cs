using System.Text;
using ClaudeProxy.Protocols.Tokens;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Tokens;

/// <summary>
/// Long unbroken runs of one character kind are counted in 512-byte parts (to keep the time
/// linear); the counts must stay the tokenizer's, or within about one token per part.
/// </summary>
public sealed class LongRunTokenCountTests
{
    private static readonly TiktokenTokenizer Reference = TiktokenTokenizer.CreateForEncoding("o200k_base");

    [Fact]
    public void A_long_run_of_one_letter_counts_exactly_as_the_tokenizer_does()
    {
        var text = new string('A', 20_000);

        Assert.Equal(Reference.CountTokens(text), MessageTokenCounter.CountText(text));
    }

    [Fact]
    public void A_long_run_of_random_letters_stays_within_one_token_per_part_of_the_tokenizer()
    {
        var random = new Random(42);
        var chars = new char[20_000];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)('a' + random.Next(26));
        }

        var text = new string(chars);
        var exact = Reference.CountTokens(text);
        var parts = (text.Length / 512) + 1;

        var count = MessageTokenCounter.CountText(text);

        Assert.InRange(count, exact - parts, exact + parts);
    }

    [Fact]
    public void A_long_emoji_run_is_never_split_inside_a_surrogate_pair()
    {
        // A split pair would be counted as two replacement characters, which changes the count.
        var text = string.Concat(Enumerable.Repeat("🎉🚀", 1_500));

        Assert.Equal(Reference.CountTokens(text), MessageTokenCounter.CountText(text));
    }

    [Fact]
    public void Unbroken_Chinese_text_stays_close_to_the_tokenizer()
    {
        var text = string.Concat(Enumerable.Repeat("今天天气很好我们去公园散步", 400));
        var exact = Reference.CountTokens(text);
        var parts = (Encoding.UTF8.GetByteCount(text) / 512) + 1;

        var count = MessageTokenCounter.CountText(text);

        Assert.InRange(count, exact - parts, exact + parts);
    }

    [Fact]
    public void Long_prose_with_spaces_counts_exactly_as_the_tokenizer_does()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            builder.Append("word").Append(i).Append(i % 7 == 0 ? ".\n" : " ");
        }

        var text = builder.ToString();

        Assert.Equal(Reference.CountTokens(text), MessageTokenCounter.CountText(text));
    }

    [Fact]
    public void A_long_run_inside_a_message_is_counted_with_the_same_rule()
    {
        var run = new string('x', 5_000);
        var body = Encoding.UTF8.GetBytes($$"""{"messages":[{"role":"user","content":"{{run}}"}]}""");

        var count = MessageTokenCounter.Count(body);

        Assert.Equal(
            MessageTokenCounter.RequestOverhead + MessageTokenCounter.MessageOverhead + MessageTokenCounter.CountText(run),
            count);
    }
}
