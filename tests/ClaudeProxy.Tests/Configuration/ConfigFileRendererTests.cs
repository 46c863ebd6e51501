using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Configuration.FileFormat;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>A config write changes the file's bytes only where the config changed.</summary>
public sealed class ConfigFileRendererTests
{
    /// <summary>Kept by hand: comments, tab indentation, trailing commas, a one-line list and numbers spelled <c>3.0</c>.</summary>
    internal static readonly string HandWritten = string.Join("\n",
        "// claude-proxy config, kept by hand",
        "{",
        "\t\"upstream\": [",
        "\t\t{",
        "\t\t\t\"name\": \"relay\", // the cheap one",
        "\t\t\t\"serviceType\": \"claude\",",
        "\t\t\t/* rotated monthly */",
        "\t\t\t\"apiKeys\": [\"k1\", \"k2\",],",
        "\t\t\t\"baseUrl\": \"https://relay.example.com\",",
        "\t\t},",
        "\t],",
        "\t\"prices\": {\"claude-*\": {\"input\": 3.0, \"output\": 15.0}},",
        "}",
        "");

    internal const string Compact = """{"upstream":[{"name":"a","serviceType":"claude","baseUrl":"https://a.example.com","apiKeys":[]}]}""";

    internal const string Channels = """
        {
          "upstream": [
            {
              "name": "一",
              "serviceType": "claude",
              "baseUrl": "https://one.example.com",
              "apiKeys": [],
              "id": "ch_one"
            },
            {
              "name": "二",
              "serviceType": "claude",
              "baseUrl": "https://two.example.com",
              "apiKeys": [
                "k-two"
              ],
              "id": "ch_two"
            }
          ],
          "loadBalance": "failover"
        }

        """;

    [Fact]
    public void A_no_op_write_of_a_go_formatted_file_changes_no_byte()
    {
        Assert.Equal(GoConfigFiles.Original, Render(GoConfigFiles.Original, config => config with { Upstream = [.. config.Upstream] }));
        Assert.Equal(HandWritten, Render(HandWritten, config => config with { }));
    }

    [Fact]
    public void Adding_ids_to_a_go_formatted_file_inserts_only_an_id_line_at_the_end_of_each_channel()
    {
        string[] ids = ["ch_relay", "ch_official", "ch_codex"];

        var rendered = Render(GoConfigFiles.Original, config => config with { Upstream = [.. config.Upstream.Select((c, i) => c with { Id = ids[i] })] });

        Assert.Equal(GoConfigFiles.WithFixedIds, rendered);
    }

    [Fact]
    public void A_hand_written_file_keeps_its_comments_tabs_and_trailing_commas_through_an_edit()
    {
        var rendered = Render(HandWritten, config => ConfigEdits.AddKey(config with { Upstream = [config.Upstream[0] with { Id = "ch_relay" }] }, 0, "k3"));

        Assert.Equal(string.Join("\n",
            "// claude-proxy config, kept by hand",
            "{",
            "\t\"upstream\": [",
            "\t\t{",
            "\t\t\t\"name\": \"relay\", // the cheap one",
            "\t\t\t\"serviceType\": \"claude\",",
            "\t\t\t/* rotated monthly */",
            "\t\t\t\"apiKeys\": [\"k1\", \"k2\", \"k3\",],",
            "\t\t\t\"baseUrl\": \"https://relay.example.com\",",
            "\t\t\t\"id\": \"ch_relay\",",
            "\t\t},",
            "\t],",
            "\t\"prices\": {\"claude-*\": {\"input\": 3.0, \"output\": 15.0}},",
            "}",
            ""), rendered);
    }

    [Fact]
    public void Renaming_a_channel_changes_only_its_name_and_writes_the_new_one_readable()
    {
        var rendered = Render(GoConfigFiles.WithFixedIds, config => EditChannel(config, "ch_relay", c => c with { Name = "备用中转 <b>" }));

        Assert.Equal(GoConfigFiles.WithFixedIds.Replace("\"主力中转\"", "\"备用中转 <b>\"", StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void Removing_a_key_removes_only_its_line()
    {
        var withoutFirst = Render(GoConfigFiles.WithFixedIds, config => EditChannel(config, "ch_relay", c => c with { ApiKeys = ["sk-relay-2"] }));
        var withoutLast = Render(GoConfigFiles.WithFixedIds, config => EditChannel(config, "ch_relay", c => c with { ApiKeys = ["sk-relay-1"] }));

        Assert.Equal(GoConfigFiles.WithFixedIds.Replace("\"sk-relay-1\",\n        \"sk-relay-2\"", "\"sk-relay-2\"", StringComparison.Ordinal), withoutFirst);
        Assert.Equal(GoConfigFiles.WithFixedIds.Replace("\"sk-relay-1\",\n        \"sk-relay-2\"", "\"sk-relay-1\"", StringComparison.Ordinal), withoutLast);
    }

    [Fact]
    public void Clearing_a_promotion_removes_its_property()
    {
        var rendered = Render(GoConfigFiles.WithFixedIds, config => ConfigEdits.EndPromotion(config, 0));

        Assert.Equal(GoConfigFiles.WithFixedIds.Replace("      \"promotionUntil\": \"2026-01-05T10:00:00.123456789+08:00\",\n", "", StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void A_number_keeps_its_spelling_until_its_value_changes()
    {
        var rendered = Render(HandWritten, config => config with
        {
            Prices = new Dictionary<string, PriceConfig> { ["claude-*"] = config.Prices!["claude-*"] with { Output = 16 } },
        });

        Assert.Equal(HandWritten.Replace("\"output\": 15.0", "\"output\": 16", StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void Adding_a_channel_appends_it_in_the_files_layout()
    {
        var channel = new ChannelConfig { Id = "ch_three", Name = "三", ServiceType = "openai", BaseUrl = "https://three.example.com/v1", ApiKeys = ["k-three"] };

        var rendered = Render(Channels, config => ConfigEdits.AddChannel(config, channel));

        Assert.Equal(Channels.Replace("""
                  "id": "ch_two"
                }
            """, """
                  "id": "ch_two"
                },
                {
                  "id": "ch_three",
                  "name": "三",
                  "serviceType": "openai",
                  "baseUrl": "https://three.example.com/v1",
                  "apiKeys": [
                    "k-three"
                  ],
                  "insecureSkipVerify": false
                }
            """, StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void Removing_a_channel_removes_only_its_text()
    {
        var rendered = Render(Channels, config => ConfigEdits.RemoveChannel(config, 0));

        Assert.Equal("""
            {
              "upstream": [
                {
                  "name": "二",
                  "serviceType": "claude",
                  "baseUrl": "https://two.example.com",
                  "apiKeys": [
                    "k-two"
                  ],
                  "id": "ch_two"
                }
              ],
              "loadBalance": "failover"
            }

            """, rendered);
    }

    [Fact]
    public void Reordered_channels_are_matched_by_id_and_keep_their_text()
    {
        var rendered = Render(Channels, config => config with { Upstream = [config.Upstream[1], config.Upstream[0]] });

        Assert.Equal("""
            {
              "upstream": [
                {
                  "name": "二",
                  "serviceType": "claude",
                  "baseUrl": "https://two.example.com",
                  "apiKeys": [
                    "k-two"
                  ],
                  "id": "ch_two"
                },
                {
                  "name": "一",
                  "serviceType": "claude",
                  "baseUrl": "https://one.example.com",
                  "apiKeys": [],
                  "id": "ch_one"
                }
              ],
              "loadBalance": "failover"
            }

            """, rendered);
    }

    [Fact]
    public void A_first_key_opens_an_empty_list_one_level_deeper()
    {
        var rendered = Render(Channels, config => ConfigEdits.AddKey(config, 0, "k-one"));

        Assert.Equal(Channels.Replace("\"apiKeys\": [],", "\"apiKeys\": [\n        \"k-one\"\n      ],", StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void A_setting_the_file_left_to_its_default_is_written_when_it_changes()
    {
        const string File = "{\n  \"upstream\": []\n}\n";

        Assert.Equal(File, Render(File, config => config));
        Assert.Equal("{\n  \"upstream\": [],\n  \"loadBalance\": \"sticky\"\n}\n", Render(File, config => ConfigEdits.SetLoadBalance(config, "sticky")));
    }

    [Fact]
    public void A_one_line_file_stays_on_one_line()
    {
        var channel = new ChannelConfig { Id = "ch_b", Name = "b", ServiceType = "claude", BaseUrl = "https://b.example.com", ApiKeys = ["k-b"] };

        var rendered = Render(Compact, config => ConfigEdits.AddChannel(config with { Upstream = [config.Upstream[0] with { Id = "ch_a" }] }, channel));

        Assert.Equal(
            """{"upstream":[{"name":"a","serviceType":"claude","baseUrl":"https://a.example.com","apiKeys":[],"id":"ch_a"},"""
            + """{"id":"ch_b","name":"b","serviceType":"claude","baseUrl":"https://b.example.com","apiKeys":["k-b"],"insecureSkipVerify":false}]}""",
            rendered);
    }

    [Fact]
    public void A_channel_kept_on_one_spaced_line_gets_its_new_values_spaced_alike()
    {
        const string File = """
            {
              "upstream": [
                {"name": "a", "serviceType": "claude", "baseUrl": "https://a.example.com", "apiKeys": ["k1"], "id": "ch_a"}
              ]
            }
            """;
        var headers = new Dictionary<string, string> { ["User-Agent"] = "claude-cli", ["X-Team"] = "一" };

        var rendered = Render(File, config => EditChannel(ConfigEdits.AddKey(config, 0, "k2"), "ch_a", c => c with { Headers = headers }));

        Assert.Equal(File.Replace(
            "\"apiKeys\": [\"k1\"], \"id\": \"ch_a\"}",
            "\"apiKeys\": [\"k1\", \"k2\"], \"id\": \"ch_a\", \"headers\": {\"User-Agent\": \"claude-cli\", \"X-Team\": \"一\"}}",
            StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void A_channel_added_among_one_line_channels_gets_a_line_like_theirs()
    {
        const string File = """
            {
              "upstream": [
                {"id":"ch_a","name":"a","serviceType":"claude","baseUrl":"https://a.example.com","apiKeys":["k-a"]}
              ]
            }
            """;
        var channel = new ChannelConfig { Id = "ch_b", Name = "b", ServiceType = "claude", BaseUrl = "https://b.example.com", ApiKeys = ["k-b"] };

        var rendered = Render(File, config => ConfigEdits.AddChannel(config, channel));

        Assert.Equal(File.Replace(
            "\"apiKeys\":[\"k-a\"]}",
            "\"apiKeys\":[\"k-a\"]},\n    {\"id\":\"ch_b\",\"name\":\"b\",\"serviceType\":\"claude\",\"baseUrl\":\"https://b.example.com\",\"apiKeys\":[\"k-b\"],\"insecureSkipVerify\":false}",
            StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void An_empty_or_unreadable_file_is_written_plainly()
    {
        var config = Read(GoConfigFiles.WithFixedIds);
        var plain = ConfigFileRenderer.Render([], null, Node(config));

        AssertReadsAs(config, plain);
        Assert.Contains("\n  \"upstream\": [\n    {\n      \"id\": \"ch_relay\",\n", Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
        Assert.Contains("\"name\": \"主力中转\"", Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
        Assert.Equal(plain, ConfigFileRenderer.Render("{\"upstream\": [ {"u8, Node(config), Node(config)));
        Assert.Equal(plain, ConfigFileRenderer.Render("[]"u8, Node(config), Node(config)));
        Assert.Equal(plain, ConfigFileRenderer.Render(Encoding.UTF8.GetBytes(GoConfigFiles.WithFixedIds), null, Node(config)));
    }

    [Fact]
    public void The_writer_keeps_its_plain_serialization_for_a_file_it_cannot_keep()
    {
        var config = Read(GoConfigFiles.WithFixedIds);

        Assert.Equal(ConfigFileWriter.Serialize(config), ConfigFileWriter.Render(config, onDisk: null));
        Assert.Equal(ConfigFileWriter.Serialize(config), ConfigFileWriter.Render(config, new ConfigFileBase("{\"upstream\": [ {"u8.ToArray(), config)));
    }

    [Fact]
    public void A_base_that_misstates_what_its_bytes_mean_gets_a_plain_write_rather_than_a_wrong_file()
    {
        // The base claims "sticky" where its bytes say "failover": applying no change would keep "failover".
        var config = Read(Channels) with { LoadBalance = "sticky" };

        var bytes = ConfigFileWriter.Render(config, new ConfigFileBase(Encoding.UTF8.GetBytes(Channels), config));

        Assert.Equal(ConfigFileWriter.Serialize(config), bytes);
    }

    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("1e2", "100")]
    [InlineData("\"2026-01-05T10:00:00.123456789+08:00\"", "\"2026-01-05T10:00:00.1234567+08:00\"")]
    [InlineData("\"2026-01-05T10:00:00.123456789+08:00\"", "\"2026-01-05T02:00:00.1234567Z\"")]
    [InlineData("\"2026-01-05T10:00:00+08:00\"", "\"2026-01-05T10:00:00.0000000+08:00\"")]
    [InlineData("{\"a\":1,\"b\":[true,null]}", "{\"b\":[true,null],\"a\":1.00}")]
    public void Values_that_mean_the_same_are_the_same(string x, string y)
    {
        Assert.True(JsonSemantics.Same(JsonNode.Parse(x), JsonNode.Parse(y)));
        Assert.True(JsonSemantics.Same(JsonNode.Parse(y), JsonNode.Parse(x)));
    }

    [Theory]
    [InlineData("1", "1.5")]
    [InlineData("\"1\"", "1")]
    [InlineData("\"2026-01-05T10:00:00.1234567+08:00\"", "\"2026-01-05T10:00:00.1234568+08:00\"")]
    [InlineData("\"2026-01-05T10:00:00\"", "\"2026-01-05T10:00:00Z\"")]
    [InlineData("[1,2]", "[2,1]")]
    [InlineData("{\"a\":null}", "{}")]
    [InlineData("null", "false")]
    public void Values_that_differ_are_not_the_same(string x, string y)
    {
        Assert.False(JsonSemantics.Same(JsonNode.Parse(x), JsonNode.Parse(y)));
        Assert.False(JsonSemantics.Same(JsonNode.Parse(y), JsonNode.Parse(x)));
    }

    internal static JsonNode Node(ProxyConfig config) => JsonSerializer.SerializeToNode(config, ConfigJsonContext.Default.ProxyConfig)!;

    /// <summary>Asserts that <paramref name="file"/> reads back as exactly <paramref name="expected"/>.</summary>
    internal static void AssertReadsAs(ProxyConfig expected, byte[] file)
    {
        var read = Node(ConfigParser.Parse(file, "config.json"));
        Assert.True(JsonNode.DeepEquals(Node(expected), read), $"The file reads as\n{read.ToJsonString()}\nnot as\n{Node(expected).ToJsonString()}");
    }

    private static ProxyConfig Read(string file) => ConfigParser.Parse(Encoding.UTF8.GetBytes(file), "config.json");

    /// <summary>Renders <paramref name="edit"/> of <paramref name="file"/>, checking the result reads as the edited config.</summary>
    private static string Render(string file, Func<ProxyConfig, ProxyConfig> edit)
    {
        var before = Read(file);
        var after = edit(before);
        var rendered = ConfigFileRenderer.Render(Encoding.UTF8.GetBytes(file), Node(before), Node(after));
        AssertReadsAs(after, rendered);
        return Encoding.UTF8.GetString(rendered);
    }

    private static ProxyConfig EditChannel(ProxyConfig config, string id, Func<ChannelConfig, ChannelConfig> change) =>
        config with { Upstream = [.. config.Upstream.Select(c => c.Id == id ? change(c) : c)] };
}
