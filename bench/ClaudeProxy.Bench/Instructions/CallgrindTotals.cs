using System.Globalization;

namespace ClaudeProxy.Bench.Instructions;

/// <summary>Reads the instruction count (the <c>Ir</c> event) a callgrind run wrote: its <c>summary:</c> line, or <c>totals:</c>.</summary>
internal static class CallgrindTotals
{
    public static long Read(string path)
    {
        long? totals = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("summary:", StringComparison.Ordinal))
            {
                return First(line["summary:".Length..]);
            }

            if (line.StartsWith("totals:", StringComparison.Ordinal))
            {
                totals = First(line["totals:".Length..]);
            }
        }

        return totals ?? throw new InvalidOperationException($"{path} has no summary or totals line: did the gateway exit cleanly under callgrind?");
    }

    private static long First(string events) =>
        long.Parse(events.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
}
