using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace ClaudeProxy.Tests.Metrics;

/// <summary>The samples of a Prometheus text exposition, found by metric name and exact label set.</summary>
public sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public PrometheusText(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                var number => double.Parse(number, CultureInfo.InvariantCulture),
            };
            _samples.Add((match.Groups["name"].Value, labels, value));
        }
    }

    public string Text { get; }

    /// <summary>The value of the one sample with exactly these labels; null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        var found = _samples.Where(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        Assert.True(found.Count <= 1, $"{found.Count} samples of {name} with the same labels");
        return found.Count == 0 ? null : found[0].Value;
    }

    /// <summary>The value of the one sample with exactly these labels; fails the test when there is none.</summary>
    public double Sample(string name, params (string Name, string Value)[] labels) =>
        Value(name, labels) ?? throw new Xunit.Sdk.XunitException($"No sample {name}{{{string.Join(",", labels.Select(l => $"{l.Name}=\"{l.Value}\""))}}} in:\n{Text}");

    public bool Has(string name) => _samples.Any(s => s.Name == name);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)",?""")]
    private static partial Regex LabelPair();
}
