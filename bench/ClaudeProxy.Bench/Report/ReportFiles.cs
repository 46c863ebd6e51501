using System.Globalization;
using System.Text.Json;

namespace ClaudeProxy.Bench.Report;

/// <summary>What every run prints at its end: its tables, the PASS/MISS summary, the machine's load, and the JSON and Markdown files.</summary>
internal static class ReportFiles
{
    public static async Task WriteAsync<TReport>(
        TReport report, IReadOnlyList<TextTable> tables, string summary, RunLoad load, string jsonPath, TextWriter log, CancellationToken ct)
    {
        await log.WriteLineAsync();
        foreach (var table in tables)
        {
            await log.WriteLineAsync(table.ToText());
        }

        await log.WriteLineAsync(summary);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Load average at start {load.Machine.LoadAverage}, at end {load.AtEnd} on {load.Machine.LogicalCores} cores (above the core count: other work shared the machine and the numbers are noisy). Took {load.TotalSeconds:0} s."));

        jsonPath = Path.GetFullPath(jsonPath);
        Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, ReportJson.Options), ct);
        var markdownPath = Path.ChangeExtension(jsonPath, ".md");
        await File.WriteAllTextAsync(markdownPath, string.Join(Environment.NewLine, tables.Select(t => t.ToMarkdown())) + Environment.NewLine + summary + Environment.NewLine, ct);
        await log.WriteLineAsync($"Results: {jsonPath} (and the tables as Markdown in {markdownPath}).");
    }
}

/// <summary>The machine a run measured on, its load average when the run ended, and how long the run took.</summary>
internal sealed record RunLoad(MachineInfo Machine, string AtEnd, double TotalSeconds);
