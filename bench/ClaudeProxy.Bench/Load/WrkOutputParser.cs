using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaudeProxy.Bench.Load;

/// <summary>Reads wrk's <c>--latency</c> report: requests, duration, Requests/sec, the 50/90/99% lines, errors.</summary>
internal static partial class WrkOutputParser
{
    private static readonly string[] SocketErrorKinds = ["connect", "read", "write", "timeout"];

    public static LoadPoint Parse(string output, int concurrency)
    {
        var totals = Totals().Match(output);
        if (!totals.Success)
        {
            throw new InvalidOperationException($"Unexpected wrk output:{Environment.NewLine}{output}");
        }

        var requests = long.Parse(totals.Groups["requests"].Value, CultureInfo.InvariantCulture);
        var seconds = ToMs(totals.Groups["time"].Value, totals.Groups["unit"].Value) / 1000;
        var rps = double.Parse(Rps().Match(output).Groups["rps"].Value, CultureInfo.InvariantCulture);
        var errors = 0L;
        if (NonSuccess().Match(output) is { Success: true } bad)
        {
            errors += long.Parse(bad.Groups["count"].Value, CultureInfo.InvariantCulture);
        }

        if (SocketErrors().Match(output) is { Success: true } socket)
        {
            errors += SocketErrorKinds.Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture));
        }

        return new LoadPoint(concurrency, requests, seconds, rps, Percentile(output, "50"), Percentile(output, "90"), Percentile(output, "99"), errors);
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s+{percent}%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        return match.Success ? ToMs(match.Groups["value"].Value, match.Groups["unit"].Value) : double.NaN;
    }

    private static double ToMs(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            _ => throw new FormatException($"Unknown wrk time unit '{unit}'."),
        };
    }

    [GeneratedRegex(@"(?<requests>\d+) requests in (?<time>[\d.]+)(?<unit>us|ms|s|m),")]
    private static partial Regex Totals();

    [GeneratedRegex(@"Requests/sec:\s+(?<rps>[\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<count>\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (?<connect>\d+), read (?<read>\d+), write (?<write>\d+), timeout (?<timeout>\d+)")]
    private static partial Regex SocketErrors();
}
