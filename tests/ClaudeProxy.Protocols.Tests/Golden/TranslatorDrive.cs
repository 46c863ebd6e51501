using System.Buffers;
using System.Text;
using ClaudeProxy.Protocols.Sse;
using ClaudeProxy.Protocols.Translation;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// Drives an <see cref="IAnthropicStreamTranslator"/> the way the gateway does: <c>Start()</c>, each
/// read through <see cref="SseParser"/> until the translator is finished, <c>Complete()</c> at EOF.
/// </summary>
internal static class TranslatorDrive
{
    /// <summary>Runs <paramref name="reads"/> through a fresh translator and returns the Anthropic event stream it wrote.</summary>
    public static string Run(IEnumerable<byte[]> reads, Func<IBufferWriter<byte>, IAnthropicStreamTranslator> createTranslator)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(createTranslator);
        var output = new ArrayBufferWriter<byte>();
        using (var translator = createTranslator(output))
        using (var parser = new SseParser())
        {
            translator.Start();
            foreach (var read in reads)
            {
                if (translator.IsFinished)
                {
                    break;
                }

                parser.Feed(read, translator);
            }

            if (!translator.IsFinished)
            {
                parser.Complete();
                translator.Complete();
            }

            Assert.True(translator.IsFinished, "The translator did not finish at EOF.");
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
