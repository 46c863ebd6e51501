using System.Reflection;

namespace ClaudeProxy.Bench.Processes;

/// <summary>How to start this bench executable again in another mode (the mock, the allocation host).</summary>
internal static class SelfCommand
{
    public static (string FileName, IReadOnlyList<string> Arguments) For(params string[] arguments)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("Unknown process path.");
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? (processPath, [Assembly.GetEntryAssembly()!.Location, .. arguments])
            : (processPath, arguments);
    }
}
