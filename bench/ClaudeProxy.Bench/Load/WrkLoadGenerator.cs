using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Load;

/// <summary>
/// Load from <c>wrk</c> (C, epoll, one thread): it needs far less CPU per request than an
/// in-process .NET client, which matters when load generator, gateway and mock share two cores.
/// The body comes from a file through a Lua script; non-2xx answers and socket errors are counted.
/// </summary>
internal sealed class WrkLoadGenerator(BenchPaths paths) : ILoadGenerator
{
    public string Description => "wrk 4.1 (1 thread, keep-alive, closed loop)";

    public async Task<LoadPoint> RunAsync(RequestTarget target, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var script = WriteScript(target);
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        var start = new ProcessStartInfo("wrk")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-t1", $"-c{concurrency}", $"-d{seconds}s", "--timeout", "10s", "--latency", "-s", script, target.Url.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await stderr}{output}");
        }

        return WrkOutputParser.Parse(output, concurrency);
    }

    private string WriteScript(RequestTarget target)
    {
        var path = paths.Out("wrk", target.Id + ".lua");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lua = new StringBuilder();
        lua.AppendLine(CultureInfo.InvariantCulture, $"local f = assert(io.open(\"{target.BodyFile}\", \"rb\"))");
        lua.AppendLine("wrk.method = \"POST\"");
        lua.AppendLine("wrk.body = f:read(\"*a\")");
        lua.AppendLine("f:close()");
        lua.AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"");
        foreach (var (name, value) in target.Headers)
        {
            lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[\"{name}\"] = \"{value}\"");
        }

        File.WriteAllText(path, lua.ToString());
        return path;
    }
}
