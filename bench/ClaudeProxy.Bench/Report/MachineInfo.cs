using System.Globalization;
using System.Runtime.InteropServices;

namespace ClaudeProxy.Bench.Report;

/// <summary>The machine the numbers come from, read from /proc (cpuinfo, meminfo, loadavg) and the runtime.</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCores, double MemoryGb, string Kernel, string Runtime, string LoadAverage)
{
    public static MachineInfo Read() => new(
        CpuModel(),
        Environment.ProcessorCount,
        MemTotalKb() / 1048576.0,
        ReadFirstLine("/proc/sys/kernel/osrelease"),
        RuntimeInformation.FrameworkDescription,
        LoadAverageNow());

    /// <summary>1, 5 and 15 minute load averages: above the core count means other work shared the machine.</summary>
    public static string LoadAverageNow() => string.Join(' ', ReadFirstLine("/proc/loadavg").Split(' ').Take(3));

    private static string CpuModel()
    {
        var line = SafeLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static long MemTotalKb()
    {
        var line = SafeLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string ReadFirstLine(string path) => SafeLines(path).FirstOrDefault()?.Trim() ?? "unknown";

    private static string[] SafeLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
