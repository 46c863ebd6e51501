using ClaudeProxy.Panel.Channels;
using ClaudeProxy.Panel.Localization;
using ClaudeProxy.Panel.Services;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class ChannelValidationTests
{
    private static readonly PanelStrings T = PanelStrings.English;

    [Theory]
    [InlineData("https://api.anthropic.com", null)]
    [InlineData("http://127.0.0.1:8080/v1", null)]
    [InlineData("", "Required.")]
    [InlineData("api.anthropic.com", "An absolute http(s) URL, e.g. https://api.anthropic.com")]
    [InlineData("ftp://example.com", "An absolute http(s) URL, e.g. https://api.anthropic.com")]
    public void The_base_url_must_be_an_absolute_http_url(string value, string? problem) =>
        Assert.Equal(problem, ChannelValidation.BaseUrl(value, T));

    [Theory]
    [InlineData("", null)]
    [InlineData("3", null)]
    [InlineData("0", "1 or more.")]
    [InlineData("-2", "1 or more.")]
    [InlineData("two", "A whole number.")]
    [InlineData("1.5", "A whole number.")]
    public void The_weight_is_empty_or_a_whole_number_of_one_or_more(string value, string? problem) =>
        Assert.Equal(problem, ChannelValidation.Weight(value, T));

    [Theory]
    [InlineData("", null)]
    [InlineData("-1", null)]
    [InlineData("x", "A whole number.")]
    public void The_priority_is_empty_or_any_whole_number(string value, string? problem) =>
        Assert.Equal(problem, ChannelValidation.Priority(value, T));

    [Theory]
    [InlineData("", null)]
    [InlineData("sk-one\nsk-two\n", null)]
    [InlineData("sk-one two", "No spaces inside a key or pattern.")]
    [InlineData("sk-one\nsk-one", "The same key is listed twice.")]
    public void Keys_are_one_a_line_without_spaces_or_repeats(string value, string? problem) =>
        Assert.Equal(problem, ChannelValidation.Keys(value, T));

    [Theory]
    [InlineData("", null)]
    [InlineData("1", null)]
    [InlineData("0", "1 or more.")]
    [InlineData("lots", "A whole number.")]
    public void A_per_key_cap_is_empty_or_a_whole_number_of_one_or_more(string value, string? problem) =>
        Assert.Equal(problem, ChannelValidation.Cap(value, T));

    [Theory]
    [InlineData("", null)]
    [InlineData("User-Agent: claude-cli/1.0.0 (external, cli)\n\nX-Title:", null)]
    [InlineData("User-Agent claude-cli", "One header per line, as Name: value.")]
    [InlineData(": value", "One header per line, as Name: value.")]
    [InlineData("User Agent: x", "“User Agent” is not a header name.")]
    [InlineData("Authorization: Bearer sk-x", "“Authorization” cannot be set here: credentials come from the channel's keys, and the HTTP client frames the message.")]
    [InlineData("X-Goog-Api-Key: k", "“X-Goog-Api-Key” cannot be set here: credentials come from the channel's keys, and the HTTP client frames the message.")]
    [InlineData("Content-Length: 1", "“Content-Length” cannot be set here: credentials come from the channel's keys, and the HTTP client frames the message.")]
    [InlineData("X-A: 1\nx-a: 2", "“x-a” is listed twice.")]
    public void Headers_are_name_colon_value_lines_with_token_names_and_neither_credentials_nor_framing(string value, string? problem) =>
        Assert.Equal(problem, ChannelValidation.Headers(value, "", T));

    [Fact]
    public void A_masked_header_value_passes_under_its_own_name_but_not_once_it_moved_to_another()
    {
        const string original = "User-Agent: claude-cli/1.0.0\nCookie: ****";

        Assert.Null(ChannelValidation.Headers("User-Agent:claude-cli/1.0.0\n  Cookie:   ****", original, T));
        Assert.Null(ChannelValidation.Headers("User-Agent: claude-cli/2.0.0\ncookie: ****", original, T));
        Assert.Equal("The value of “X-Session” is shown masked: type it again, or undo your changes to the headers.",
            ChannelValidation.Headers("User-Agent: claude-cli/2.0.0\nX-Session: ****", original, T));
        Assert.Null(ChannelValidation.Headers("User-Agent: claude-cli/2.0.0\nX-Session: session=abc", original, T));
    }

    [Fact]
    public void An_edit_sends_the_headers_only_once_they_changed_and_an_emptied_field_as_a_removal()
    {
        var channel = new ChannelView("ch1", 0, "relay", "claude", "https://relay.example.com", [], null, null, null, "active", 0, 1, 0, false)
        {
            Headers = new Dictionary<string, string> { ["User-Agent"] = "claude-cli/1.0.0", ["X-Relay-Token"] = "sec…oken" },
            MaxConcurrency = 2,
        };
        var form = ChannelForm.From(channel);

        Assert.Null(form.ToRequest(withKeys: false).Headers);
        Assert.Equal(2, form.ToRequest(withKeys: false).MaxConcurrency);
        Assert.Null(form.ToRequest(withKeys: false).Rpm);
        form.Headers = "";
        Assert.Empty(form.ToRequest(withKeys: false).Headers!.Headers);
    }

    [Fact]
    public void A_name_is_required_and_not_too_long()
    {
        Assert.Equal("Required.", ChannelValidation.Name("  ", T));
        Assert.Equal("Too long.", ChannelValidation.Name(new string('n', ChannelValidation.MaxName + 1), T));
        Assert.Null(ChannelValidation.Name("anthropic", T));
    }

    [Fact]
    public void A_mapping_needs_both_sides_and_a_model_mapped_once()
    {
        var opus = new MappingRow { Source = "opus", Target = "claude-opus-4" };
        var again = new MappingRow { Source = "opus", Target = "other" };
        var noTarget = new MappingRow { Source = "haiku" };
        var noSource = new MappingRow { Target = "gpt-4o" };
        List<MappingRow> rows = [opus, again, noTarget, noSource];

        Assert.Equal("This model is mapped twice.", ChannelValidation.MappingSource(opus, rows, T));
        Assert.Equal("Required.", ChannelValidation.MappingTarget(noTarget, T));
        Assert.Equal("Required.", ChannelValidation.MappingSource(noSource, rows, T));
        Assert.Null(ChannelValidation.MappingSource(new MappingRow(), rows, T));
    }

    [Fact]
    public void Messages_come_in_chinese_too() =>
        Assert.Equal("必填。", ChannelValidation.BaseUrl("", PanelStrings.SimplifiedChinese));

    [Fact]
    public void A_form_becomes_a_request_with_trimmed_fields_and_empty_lists_left_out()
    {
        var form = new ChannelForm { Name = " relay ", ServiceType = "openai", BaseUrl = "https://relay.example.com ", Keys = "sk-a\n\n sk-b ", Weight = "2", Models = "gpt-*, o3\n" };
        form.Mapping.Add(new MappingRow { Source = "sonnet", Target = "gpt-4o" });
        form.Mapping.Add(new MappingRow());

        var request = form.ToRequest(withKeys: true);

        Assert.Equal("relay", request.Name);
        Assert.Equal("https://relay.example.com", request.BaseUrl);
        Assert.Equal(["sk-a", "sk-b"], request.ApiKeys);
        Assert.Equal(2, request.Weight);
        Assert.Null(request.Priority);
        Assert.Equal(["gpt-*", "o3"], request.Models);
        Assert.Equal("gpt-4o", Assert.Single(request.ModelMapping!).Value);
        Assert.Null(new ChannelForm().ToRequest(withKeys: true).ModelMapping);
        Assert.Null(form.ToRequest(withKeys: false).ApiKeys);
    }

    [Fact]
    public void An_edit_leaves_an_unchanged_priority_out_so_a_position_based_one_stays_so()
    {
        var channel = new ChannelView("ch1", 1, "relay", "openai", "https://relay.example.com", ["sk-…abcd"], null, null, null, "active", 1, 1, 1, false);
        var form = ChannelForm.From(channel);

        Assert.Null(form.ToRequest(withKeys: false).Priority);
        form.Priority = "5";
        Assert.Equal(5, form.ToRequest(withKeys: false).Priority);
    }

    [Fact]
    public void Quick_add_fills_url_type_and_keys_and_keeps_a_name_already_typed()
    {
        var form = new ChannelForm { Name = "mine", Keys = "sk-ant-existing-0123456789abcdef" };

        form.Apply(QuickAddParser.Parse("https://api.anthropic.com sk-ant-new-key-0123456789abcdef"));

        Assert.Equal("mine", form.Name);
        Assert.Equal("https://api.anthropic.com", form.BaseUrl);
        Assert.Equal("claude", form.ServiceType);
        Assert.Equal(["sk-ant-existing-0123456789abcdef", "sk-ant-new-key-0123456789abcdef"], ChannelForm.Lines(form.Keys));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("https://relay-2.example.com\n\nhttp://10.0.0.2:8080/v1#", null)]
    [InlineData("https://relay-2.example.com\nrelay-3.example.com", "“relay-3.example.com” is not an absolute http(s) URL.")]
    [InlineData("ftp://relay.example.com", "“ftp://relay.example.com” is not an absolute http(s) URL.")]
    public void More_base_urls_are_one_absolute_http_url_a_line_and_the_first_bad_one_is_named(string value, string? problem) =>
        Assert.Equal(problem, ChannelValidation.BaseUrls(value, T));

    [Fact]
    public void The_base_url_may_be_left_out_only_when_more_base_urls_are_given()
    {
        Assert.Null(ChannelValidation.BaseUrl("", "https://relay-2.example.com", T));
        Assert.Equal("Required.", ChannelValidation.BaseUrl("", "  ", T));
        Assert.Equal("An absolute http(s) URL, e.g. https://api.anthropic.com", ChannelValidation.BaseUrl("relay", "https://relay-2.example.com", T));
    }

    [Fact]
    public void At_least_one_client_door_must_be_checked()
    {
        Assert.Null(ChannelValidation.Doors(["chat"], T));
        Assert.Equal("Client doors: check at least one.", ChannelValidation.Doors([], T));
    }

    [Fact]
    public void An_unchecked_door_is_left_out_of_the_channel_s_doors_and_all_of_them_is_no_doors_field()
    {
        var options = new ChannelMoreOptions();
        Assert.Null(options.Fields("openai")["doors"]);

        options.SetDoor("responses", served: false);
        Assert.Equal("""["messages","chat","gemini"]""", options.Fields("openai")["doors"]!.ToJsonString());
    }

    [Fact]
    public void A_reasoning_value_the_type_does_not_take_is_no_field()
    {
        var options = new ChannelMoreOptions { Reasoning = "deepseek" };
        Assert.Equal("deepseek", (string?)options.Fields("openai")["reasoning"]);
        Assert.Null(options.Fields("gemini")["reasoning"]);
        Assert.Null(options.Fields("claude")["reasoning"]);
    }
}
