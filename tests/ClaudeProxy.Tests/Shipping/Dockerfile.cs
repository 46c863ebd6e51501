using System.Text;
using System.Text.Json;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>One instruction of a Dockerfile: its keyword (upper case), its arguments with line continuations joined, and its line.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The exec (JSON array) form's words of the arguments after the flags, or null for the shell form.</summary>
    public IReadOnlyList<string>? Exec => ExecWords(Rest);

    /// <summary>The words of a JSON array (<c>["/app/claude-proxy", "health"]</c>), or null when the text is not one.</summary>
    public static IReadOnlyList<string>? ExecWords(string text) =>
        text.Trim().StartsWith('[') ? JsonSerializer.Deserialize<List<string>>(text.Trim()) : null;

    /// <summary>The <c>--name=value</c> flags before the arguments proper (COPY --from, HEALTHCHECK --interval).</summary>
    public IReadOnlyDictionary<string, string> Flags =>
        Words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal))
            .Select(w => w[2..].Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    /// <summary>The arguments after the flags.</summary>
    public string Rest => string.Join(' ', Words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal)));

    private string[] Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A build stage: its FROM and the instructions under it.</summary>
internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction? Last(string keyword) => All(keyword).LastOrDefault();
}

/// <summary>A Dockerfile read the way the builder reads it: comments dropped, continuations joined, split into stages.</summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions)
    {
        Instructions = instructions;
        var stages = new List<DockerStage>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var name = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new DockerStage(words[0], name, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1] = stages[^1] with { Instructions = [.. stages[^1].Instructions, instruction] };
            }
        }

        Stages = stages;
    }

    /// <summary>Every instruction, the ARGs before the first FROM included.</summary>
    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var pending = new StringBuilder();
        var startLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (pending.Length == 0)
            {
                startLine = i + 1;
            }

            var continued = line.EndsWith('\\');
            pending.Append(continued ? line[..^1] : line).Append(' ');
            if (continued)
            {
                continue;
            }

            var whole = pending.ToString().Trim();
            pending.Clear();
            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(space < 0
                ? new DockerInstruction(whole.ToUpperInvariant(), "", startLine)
                : new DockerInstruction(whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim(), startLine));
        }

        return new Dockerfile(instructions);
    }
}
