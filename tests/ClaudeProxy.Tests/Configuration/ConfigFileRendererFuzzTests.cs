using System.Text;
using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.FileFormat;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using CsCheck;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>
/// Random chains of edits, each one rendered over the file the last one left: every file reads back as the
/// config it was written for, and writing that config again changes no byte.
/// </summary>
public sealed class ConfigFileRendererFuzzTests
{
    private const int EditKinds = 16;

    private static readonly string[] Files =
    [
        GoConfigFiles.Original, GoConfigFiles.WithFixedIds, ConfigFileRendererTests.HandWritten, ConfigFileRendererTests.Compact,
        ConfigFileRendererTests.Channels, "{\n  \"upstream\": []\n}\n", "{}", GoConfigFiles.WithFixedIds.Replace("\n", "\r\n", StringComparison.Ordinal),
        // A duplicate (the last one counts), nulls read as absent, a comment before the closing brace.
        "{\"loadBalance\": \"random\", \"upstream\": [{\"name\": null, \"serviceType\": \"claude\", \"baseUrl\": \"https://d.example.com\", \"apiKeys\": null}], \"loadBalance\": \"failover\", \"geminiUpstream\": null /* end */}",
    ];

    private static readonly string[] Texts = ["a", "主力", "<b> & 'c'", "quote \" and \\ slash", "emoji 🎉", "tab\tand\nline", "2026-01-05T10:00:00Z"];

    private static readonly Gen<(int File, Edit[] Edits)> Inputs = Gen.Select(
        Gen.Int[0, Files.Length - 1],
        Gen.Select(Gen.Int[0, EditKinds - 1], Gen.Int[0, 40], Gen.Int[0, 40], Gen.Int[0, Texts.Length - 1], (kind, a, b, text) => new Edit(kind, a, b, text)).Array[1, 10]);

    [Fact]
    public void Random_edits_render_to_files_that_read_back_as_the_edited_config()
    {
        FuzzRun.Check(Inputs, defaultIterations: 400, input =>
        {
            var file = Encoding.UTF8.GetBytes(Files[input.File]);
            var config = ConfigParser.Parse(file, "config.json");
            var serial = 0;
            foreach (var edit in input.Edits)
            {
                var next = Apply(config, edit, ++serial);
                var rendered = ConfigFileRenderer.Render(file, ConfigFileRendererTests.Node(config), ConfigFileRendererTests.Node(next));

                ConfigFileRendererTests.AssertReadsAs(next, rendered);
                Assert.Equal(rendered, ConfigFileRenderer.Render(rendered, ConfigFileRendererTests.Node(next), ConfigFileRendererTests.Node(next)));
                (file, config) = (rendered, next);
            }
        }, input => $"file {input.File}, edits {string.Join(", ", input.Edits)}");
    }

    private static ProxyConfig Apply(ProxyConfig config, Edit edit, int serial)
    {
        var channels = config.Upstream.ToList();
        var text = Texts[edit.Text];
        var index = channels.Count == 0 ? -1 : edit.A % channels.Count;
        ChannelConfig? channel = index < 0 ? null : channels[index];
        switch (edit.Kind)
        {
            case 0 when channel is not null:
                channels[index] = channel with { Name = text };
                break;
            case 1 when channel is not null:
                var keys = channel.ApiKeys.ToList();
                keys.Insert(edit.B % (keys.Count + 1), $"k-{serial}");
                channels[index] = channel with { ApiKeys = keys };
                break;
            case 2 when channel is { ApiKeys.Count: > 0 }:
                channels[index] = channel with { ApiKeys = [.. channel.ApiKeys.Where((_, i) => i != edit.B % channel.ApiKeys.Count)] };
                break;
            case 3:
                var added = new ChannelConfig
                {
                    Id = edit.B % 4 == 0 ? null : $"ch_fuzz{serial}",
                    Name = text,
                    ServiceType = "claude",
                    BaseUrl = $"https://c{serial}.example.com",
                    ApiKeys = edit.B % 2 == 0 ? [] : [$"k-{serial}"],
                    List = (ChannelList)(edit.B % 3),
                };
                channels.Insert(Math.Min(edit.A, channels.Count), added);
                break;
            case 4 when channel is not null:
                channels.RemoveAt(index);
                break;
            case 5 when channel is not null:
                channels.RemoveAt(index);
                channels.Insert(edit.B % (channels.Count + 1), channel);
                break;
            case 6 when channel is not null:
                channels[index] = channel with { PromotionUntil = edit.B % 2 == 0 ? null : new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(edit.B % 12)).AddTicks(edit.B * 12345) };
                break;
            case 7 when channel is not null:
                channels[index] = channel with { Priority = edit.B % 3 == 0 ? null : edit.B };
                break;
            case 8:
                return config with { LoadBalance = LoadBalanceStrategy.All[edit.B % LoadBalanceStrategy.All.Count] };
            case 9 when channel is not null:
                var mapping = new Dictionary<string, string>(channel.ModelMapping ?? new Dictionary<string, string>());
                mapping[text] = $"model-{edit.B}";
                channels[index] = channel with { ModelMapping = edit.B % 3 == 0 ? null : mapping };
                break;
            case 10 when channel is not null:
                channels[index] = channel with { Description = edit.B % 2 == 0 ? null : text };
                break;
            case 11:
                return config with { FuzzyModeEnabled = (edit.B % 3) switch { 0 => null, 1 => true, _ => false } };
            case 12:
                // What the store does to a file that lacks ids, with ids that replay.
                return config with { Upstream = [.. channels.Select((c, i) => c.Id is null ? c with { Id = $"ch_auto{serial}x{i}" } : c)] };
            case 13 when channel is not null:
                channels[index] = channel with { Status = ChannelStatus.All[edit.B % ChannelStatus.All.Count] };
                break;
            case 14 when channel is not null:
                var extra = new Dictionary<string, JsonElement>(channel.Extra ?? []);
                if (edit.B % 2 == 0)
                {
                    extra.Remove("lowQuality");
                }
                else
                {
                    extra["lowQuality"] = JsonElement.Parse($"\"{JsonEncodedText.Encode(text)}\"");
                }

                channels[index] = channel with { Extra = extra };
                break;
            case 15:
                return config with
                {
                    Prices = edit.B % 3 == 0 ? null : new Dictionary<string, PriceConfig>(config.Prices ?? new Dictionary<string, PriceConfig>())
                    {
                        [$"model-{edit.A % 3}-*"] = new PriceConfig { Input = edit.B / 4.0, Output = edit.B },
                    },
                };
        }

        return config with { Upstream = channels };
    }

    private sealed record Edit(int Kind, int A, int B, int Text);
}
