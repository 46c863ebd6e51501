using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace ClaudeProxy.Cli;

/// <summary>
/// The options of <c>logs</c> and <c>stats</c>. Their values go through the usage API's own parser,
/// so the command line accepts exactly what <c>/api/logs</c> and <c>/api/stats</c> do; a problem
/// names the option instead of the query parameter.
/// </summary>
internal sealed class UsageOptions
{
    private readonly List<(Option<string?> Option, string Parameter)> _options = [];

    public IEnumerable<Option> All => _options.Select(o => (Option)o.Option);

    public Option<string?> Add(string name, string parameter, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        _options.Add((option, parameter));
        return option;
    }

    /// <summary>The given values as the API's query string; <c>--since 2h</c> style durations become a time that long before now.</summary>
    public IQueryCollection Query(CommandContext context)
    {
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (option, parameter) in _options)
        {
            if (context.GetValue(option) is { } value)
            {
                values[parameter] = parameter is "since" or "until" && Ago(value, context.Clock) is { } time ? time : value;
            }
        }

        return new QueryCollection(values);
    }

    /// <summary>The parser's problem ("errorType: expected …") with the option's name in front.</summary>
    public string Problem(string problem)
    {
        var parameter = problem[..Math.Max(problem.IndexOf(':', StringComparison.Ordinal), 0)];
        var option = _options.FirstOrDefault(o => o.Parameter == parameter).Option;
        return option is null ? problem : option.Name + problem[parameter.Length..];
    }

    private static string? Ago(string value, TimeProvider clock) =>
        DurationText.TryParse(value, out var ago) ? (clock.GetUtcNow() - ago).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture) : null;
}
