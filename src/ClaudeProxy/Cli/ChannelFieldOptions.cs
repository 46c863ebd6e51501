using System.CommandLine;
using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;

namespace ClaudeProxy.Cli;

/// <summary>
/// One option per channel field, shared by <c>channels add</c> and <c>channels update</c>. The
/// options given become a JSON patch for <see cref="ChannelPatch"/>, so the CLI and the admin API
/// read a change the same way: fields given replace their value, fields not given keep theirs.
/// </summary>
internal sealed class ChannelFieldOptions
{
    /// <summary>The fields <c>--unset</c> can remove (required ones cannot be).</summary>
    private static readonly string[] Unsettable =
    [
        "apiKeys", "description", "website", "insecureSkipVerify", "status", "priority", "weight", "authStyle",
        "models", "modelMapping", "loadBalance", "maxTokens", "maxConcurrency", "rpm", "reasoning", "systemMessagesInPlace", "foldSystemMessages",
        "forwardUserId", "headers",
    ];

    private readonly Option<string[]> _keys = new("--key", "-k")
    {
        Description = "An upstream API key; repeat for several. On update the keys given replace the list (a masked key stands for the key it masks).",
    };

    private readonly Option<string> _description = new("--description") { Description = "A free-text note." };

    private readonly Option<string> _website = new("--website") { Description = "The provider's console URL." };

    private readonly Option<bool?> _insecureSkipVerify = new("--insecure-skip-verify", "--insecureSkipVerify")
    {
        Description = "Skip TLS certificate checks for this upstream (true when given alone).",
    };

    private readonly Option<string> _status = new("--status") { Description = $"{string.Join(" or ", ChannelStatus.All)}." };

    private readonly Option<int?> _priority = new("--priority") { Description = "Lower runs first (default: the channel's position)." };

    private readonly Option<int?> _weight = new("--weight") { Description = "Share of traffic among channels of equal priority (default 1)." };

    private readonly Option<string> _authStyle = new("--auth-style")
    {
        Description = $"How a claude channel sends its key: {string.Join(", ", AuthStyle.All)}.",
    };

    private readonly Option<string[]> _models = new("--model")
    {
        Description = "A model pattern this channel serves (* and ? wildcards); repeat for several. None: every model.",
    };

    private readonly Option<string[]> _maps = new("--map")
    {
        Description = "A model mapping source=target, e.g. sonnet=gpt-4o; repeat for several. On update the list replaces the mapping.",
    };

    private readonly Option<string[]> _headers = new("--header")
    {
        Description = "A request header the upstream gets, Name=Value, e.g. User-Agent=claude-cli/2.0 (not the credentials); repeat for several. On update the list replaces the headers.",
    };

    private readonly Option<string> _loadBalance = new("--load-balance")
    {
        Description = $"This channel's key strategy, over the global one: {string.Join(", ", LoadBalanceStrategy.All)}.",
    };

    private readonly Option<int?> _maxTokens = new("--max-tokens") { Description = "The most output tokens the upstream accepts; larger requests are clamped." };

    private readonly Option<int?> _maxConcurrency = new("--max-concurrency")
    {
        Description = "At most this many requests in flight on each key; a key at its cap is skipped.",
    };

    private readonly Option<int?> _rpm = new("--rpm") { Description = "At most this many requests started on each key per minute; a key at its cap is skipped." };

    private readonly Option<string> _reasoning = new("--reasoning")
    {
        Description = $"Reasoning controls the upstream takes: {string.Join(", ", ReasoningSetting.Values.Keys)}.",
    };

    private readonly Option<bool?> _systemMessagesInPlace = new("--system-messages-in-place")
    {
        Description = "Keep mid-conversation system messages in place (openai channels).",
    };

    private readonly Option<bool?> _foldSystemMessages = new("--fold-system-messages")
    {
        Description = "Fold mid-conversation system messages into the leading system prompt (openai and gemini channels; defeats prefix caching).",
    };

    private readonly Option<bool?> _forwardUserId = new("--forward-user-id")
    {
        Description = "Send a hash of metadata.user_id upstream as `user` (default true).",
    };

    private readonly Option<string> _id = new("--id") { Description = "A stable id of your choice (default: generated, e.g. ch_k3j9x0a1b2)." };

    private readonly Option<string> _name = new("--name") { Description = "A new name." };

    private readonly Option<string> _serviceType = new("--type", "--service-type") { Description = $"A new type: {string.Join(", ", ServiceType.All)}." };

    private readonly Option<string> _baseUrl = new("--url", "--base-url") { Description = "A new base URL." };

    private readonly Option<string[]> _unset = new("--unset")
    {
        Description = "Remove a field, so its default applies; repeat for several.",
    };

    private readonly bool _forUpdate;

    private ChannelFieldOptions(bool forUpdate)
    {
        _forUpdate = forUpdate;
        _unset.AcceptOnlyFromAmong(Unsettable);
    }

    public static ChannelFieldOptions ForAdd() => new(forUpdate: false);

    public static ChannelFieldOptions ForUpdate() => new(forUpdate: true);

    public string? Id(CommandContext context) => context.GetValue(_id);

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_forUpdate)
        {
            command.Options.Add(_name);
            command.Options.Add(_serviceType);
            command.Options.Add(_baseUrl);
        }
        else
        {
            command.Options.Add(_id);
        }

        foreach (var option in FieldOptions())
        {
            command.Options.Add(option);
        }

        if (_forUpdate)
        {
            command.Options.Add(_unset);
        }
    }

    /// <summary>Writes the fields given on the command line as properties of the open JSON object; returns how many.</summary>
    public int WriteFields(CommandContext context, Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(w);
        var written = new HashSet<string>(StringComparer.Ordinal);

        void Text(string field, Option<string> option)
        {
            if (context.IsGiven(option))
            {
                w.WriteString(field, context.GetValue(option));
                written.Add(field);
            }
        }

        void Number(string field, Option<int?> option)
        {
            if (context.IsGiven(option) && context.GetValue(option) is { } value)
            {
                w.WriteNumber(field, value);
                written.Add(field);
            }
        }

        void Flag(string field, Option<bool?> option)
        {
            if (context.IsGiven(option))
            {
                w.WriteBoolean(field, context.GetValue(option) ?? true);
                written.Add(field);
            }
        }

        void List(string field, Option<string[]> option)
        {
            if (context.IsGiven(option))
            {
                w.WriteStartArray(field);
                foreach (var value in context.GetValue(option) ?? [])
                {
                    w.WriteStringValue(value);
                }

                w.WriteEndArray();
                written.Add(field);
            }
        }

        if (_forUpdate)
        {
            Text("name", _name);
            Text("serviceType", _serviceType);
            Text("baseUrl", _baseUrl);
        }

        List("apiKeys", _keys);
        Text("description", _description);
        Text("website", _website);
        Flag("insecureSkipVerify", _insecureSkipVerify);
        Text("status", _status);
        Number("priority", _priority);
        Number("weight", _weight);
        Text("authStyle", _authStyle);
        List("models", _models);
        if (context.IsGiven(_maps))
        {
            w.WriteStartObject("modelMapping");
            foreach (var (source, target) in Mappings(context.GetValue(_maps) ?? []))
            {
                w.WriteString(source, target);
            }

            w.WriteEndObject();
            written.Add("modelMapping");
        }

        if (context.IsGiven(_headers))
        {
            w.WriteStartObject("headers");
            foreach (var (name, value) in Pairs(context.GetValue(_headers) ?? [], "--header", "Name=Value, e.g. User-Agent=claude-cli/2.0", "headers"))
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            written.Add("headers");
        }

        Text("loadBalance", _loadBalance);
        Number("maxTokens", _maxTokens);
        Number("maxConcurrency", _maxConcurrency);
        Number("rpm", _rpm);
        Text("reasoning", _reasoning);
        Flag("systemMessagesInPlace", _systemMessagesInPlace);
        Flag("foldSystemMessages", _foldSystemMessages);
        Flag("forwardUserId", _forwardUserId);

        foreach (var field in (_forUpdate ? context.GetValue(_unset) ?? [] : []).Distinct(StringComparer.Ordinal))
        {
            if (!written.Add(field))
            {
                throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: given a value and --unset at once.", field);
            }

            w.WriteNull(field);
        }

        return written.Count;
    }

    private IEnumerable<Option> FieldOptions() =>
    [
        _keys, _description, _website, _insecureSkipVerify, _status, _priority, _weight, _authStyle,
        _models, _maps, _headers, _loadBalance, _maxTokens, _maxConcurrency, _rpm, _reasoning, _systemMessagesInPlace,
        _foldSystemMessages, _forwardUserId,
    ];

    private static Dictionary<string, string> Mappings(IEnumerable<string> values) =>
        Pairs(values, "--map", "source=target, e.g. sonnet=gpt-4o", "modelMapping");

    /// <summary>Repeated <c>name=value</c> options as a map; a name given twice: the last one wins, as when editing the file.</summary>
    private static Dictionary<string, string> Pairs(IEnumerable<string> values, string option, string expected, string field)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == value.Length - 1)
            {
                throw new ConfigEditException(ConfigEditError.Invalid, $"{option} '{value}': expected {expected}.", field);
            }

            pairs[value[..equals].Trim()] = value[(equals + 1)..].Trim();
        }

        return pairs;
    }
}
