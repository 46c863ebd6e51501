using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Translators;

/// <summary>
/// Runs <see cref="TranslatorBenchmarks"/> with BenchmarkDotNet in this process (the bench is already a
/// Release build, and an in-process run needs no second project), then checks the throughput targets:
/// the request mapper at ≥ 1 GB/s of input, the stream translators at ≥ 1 million events/s, both on one thread.
/// </summary>
internal static class TranslatorBench
{
    private const double MapperBytesPerSecond = 1e9;
    private const double StreamEventsPerSecond = 1e6;

    public static int Run(bool quick, string artifacts)
    {
        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.JoinSummary);
        var summary = BenchmarkRunner.Run<TranslatorBenchmarks>(config);
        if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
        {
            Console.Error.WriteLine("Some benchmarks did not run; see the log above.");
            return 1;
        }

        var inputs = TranslatorBenchmarks.Inputs;
        var targets = new[]
        {
            Throughput(summary, TranslatorSteps.OpenAIRequest, inputs.Large.Length, MapperBytesPerSecond, "≥ 1 GB/s of input", FormatBytesPerSecond),
            Throughput(summary, TranslatorSteps.GeminiRequest, inputs.GeminiRequest.Length, MapperBytesPerSecond, "≥ 1 GB/s of input", FormatBytesPerSecond),
            Throughput(summary, TranslatorSteps.OpenAIStream, inputs.OpenAIStreamEvents, StreamEventsPerSecond, "≥ 1 M events/s", FormatEventsPerSecond),
            Throughput(summary, TranslatorSteps.GeminiStream, inputs.GeminiStreamEvents, StreamEventsPerSecond, "≥ 1 M events/s", FormatEventsPerSecond),
        };

        Console.WriteLine();
        Console.WriteLine($"Inputs: large request {inputs.Large.Length:N0} B, Gemini request {inputs.GeminiRequest.Length:N0} B, "
            + $"OpenAI stream {inputs.OpenAIStreamEvents} events, Gemini stream {inputs.GeminiStreamEvents} events.");
        foreach (var step in new[] { TranslatorSteps.OpenAIRequest, TranslatorSteps.GeminiRequest })
        {
            var allocated = Find(summary, step).GcStats.GetBytesAllocatedPerOperation(Find(summary, step).BenchmarkCase) ?? 0;
            var input = step == TranslatorSteps.OpenAIRequest ? inputs.Large.Length : inputs.GeminiRequest.Length;
            Console.WriteLine($"{step}: allocates {allocated:N0} B per request, {(double)allocated / input:0.00}× its input.");
        }

        var floor = inputs.Large.Length / (Find(summary, TranslatorSteps.LargeReaderFloor).ResultStatistics!.Median / 1e9);
        Console.WriteLine($"{TranslatorSteps.LargeReaderFloor}: {FormatBytesPerSecond(floor)}; the mappers at "
            + string.Join(", ", new[] { TranslatorSteps.OpenAIRequest, TranslatorSteps.GeminiRequest }.Select(step =>
                $"{step} {MedianBytesPerSecond(summary, step, step == TranslatorSteps.OpenAIRequest ? inputs.Large.Length : inputs.GeminiRequest.Length) / floor:0.00}×"))
            + " of it.");

        foreach (var target in targets)
        {
            Console.WriteLine($"{target.Verdict,-4}  {target.Name}: {target.Measured} (target {target.Goal})");
        }

        return 0;
    }

    private static TargetCheck Throughput(Summary summary, string step, long unitsPerOperation, double target, string goal, Func<double, string> format)
    {
        var nanoseconds = Find(summary, step).ResultStatistics!.Median;
        var perSecond = unitsPerOperation / (nanoseconds / 1e9);
        return new TargetCheck(step, goal, format(perSecond), perSecond >= target);
    }

    private static double MedianBytesPerSecond(Summary summary, string step, long bytes) =>
        bytes / (Find(summary, step).ResultStatistics!.Median / 1e9);

    private static BenchmarkReport Find(Summary summary, string step) =>
        summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'') == step);

    private static string FormatBytesPerSecond(double value) => (value / 1e6).ToString("N0", CultureInfo.InvariantCulture) + " MB/s";

    private static string FormatEventsPerSecond(double value) => (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M events/s";
}
