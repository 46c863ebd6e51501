using System.Globalization;

namespace ClaudeProxy.Bench.Processes;

/// <summary>CPU time and resident memory of a process (and its descendants) from <c>/proc</c>.</summary>
internal static class ProcStats
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat, fixed at 100 by the Linux x86-64 ABI.
    private const double ClockTicksPerSecond = 100;

    /// <summary>User plus system CPU seconds of these processes.</summary>
    public static double CpuSeconds(IReadOnlyList<int> pids) => pids.Sum(OwnCpuSeconds);

    /// <summary>Resident set (VmRSS) of these processes together, in bytes.</summary>
    public static long RssBytes(IReadOnlyList<int> pids) => pids.Sum(p => StatusKilobytes(p, "VmRSS:") * 1024);

    /// <summary>Peak resident set (VmHWM) of the process alone, in bytes.</summary>
    public static long PeakRssBytes(int pid) => StatusKilobytes(pid, "VmHWM:") * 1024;

    private static double OwnCpuSeconds(int pid)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return 0;
        }

        // Fields after "(comm)": [0]=state … [11]=utime [12]=stime (stat fields 14 and 15).
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    private static long StatusKilobytes(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended.
        }

        return 0;
    }

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The process and every descendant alive now (a Node server may run its work in a child).</summary>
    public static List<int> WithDescendants(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && StatFields(pid) is { } fields
                && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
            {
                if (!parents.TryGetValue(parent, out var children))
                {
                    parents[parent] = children = [];
                }

                children.Add(pid);
            }
        }

        var all = new List<int> { root };
        for (var i = 0; i < all.Count; i++)
        {
            if (parents.TryGetValue(all[i], out var children))
            {
                all.AddRange(children);
            }
        }

        return all;
    }
}
