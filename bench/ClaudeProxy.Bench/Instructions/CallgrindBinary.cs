namespace ClaudeProxy.Bench.Instructions;

/// <summary>
/// A copy of a published native gateway that valgrind can read. Valgrind 3.19 gives up on the DWARF 5 in the
/// <c>.dbg</c> file a Native AOT publish writes, so the copy links instead to a symbols-only file made from it
/// (<c>objcopy --strip-debug</c>): callgrind still names the functions, for <c>callgrind_annotate</c>.
/// The code is byte for byte the published one.
/// </summary>
internal static class CallgrindBinary
{
    public static async Task<string> PrepareAsync(string binary, string folder, string logPath, CancellationToken ct)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var source = Path.GetDirectoryName(binary)!;
        foreach (var file in Directory.EnumerateFiles(source).Where(f => !f.EndsWith(".dbg", StringComparison.Ordinal) && f != binary))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var copy = Path.Combine(folder, Path.GetFileName(binary));
        var debug = binary + ".dbg";
        if (!File.Exists(debug))
        {
            File.Copy(binary, copy);
            return copy;
        }

        var symbols = copy + ".sym";
        var directory = Path.GetDirectoryName(logPath)!;
        await Processes.CommandRunner.RunAsync("objcopy", ["--strip-debug", debug, symbols], directory, logPath, ct);
        var unlinked = copy + ".unlinked";
        await Processes.CommandRunner.RunAsync("objcopy", ["--remove-section=.gnu_debuglink", binary, unlinked], directory, logPath, ct);
        // The link names the file and carries its CRC, so it is made in the folder where the symbols file lies.
        await Processes.CommandRunner.RunAsync("objcopy", [$"--add-gnu-debuglink={Path.GetFileName(symbols)}", unlinked, copy], folder, logPath, ct);
        File.Delete(unlinked);
        return copy;
    }
}
