using System.Text.RegularExpressions;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>
/// The Dockerfile rules of hadolint (no container linter installs from Debian's packages) that apply to
/// this project's recipe, each reported as "<c>DLxxxx line N: what is wrong</c>".
/// </summary>
internal static partial class DockerfileRules
{
    public static IReadOnlyList<string> Check(Dockerfile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<string>();
        var stageNames = file.Stages.Select(s => s.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in file.Stages)
        {
            var image = stage.Image;
            var isStage = stageNames.Contains(image);
            if (!isStage && !image.Contains(':', StringComparison.Ordinal) && !image.Contains('@', StringComparison.Ordinal) && image != "scratch")
            {
                problems.Add($"DL3006 FROM {image}: tag the image with a version");
            }

            if (image.EndsWith(":latest", StringComparison.Ordinal))
            {
                problems.Add($"DL3007 FROM {image}: name a version, not latest");
            }
        }

        foreach (var instruction in file.Instructions)
        {
            var at = $"line {instruction.Line}";
            switch (instruction.Keyword)
            {
                case "MAINTAINER":
                    problems.Add($"DL4000 {at}: MAINTAINER is deprecated; use a LABEL");
                    break;
                case "ADD":
                    problems.Add($"DL3020 {at}: use COPY for files and folders, not ADD");
                    break;
                case "WORKDIR" when !instruction.Rest.StartsWith('/') && !instruction.Rest.StartsWith('$'):
                    problems.Add($"DL3000 {at}: WORKDIR must be an absolute path");
                    break;
                case "COPY" when instruction.Flags.TryGetValue("from", out var from) && !stageNames.Contains(from) && !from.Contains(':', StringComparison.Ordinal):
                    problems.Add($"DL3022 {at}: COPY --from={from} names no earlier stage");
                    break;
                case "ENTRYPOINT" or "CMD" when instruction.Exec is null:
                    problems.Add($"DL3025 {at}: {instruction.Keyword} in the JSON (exec) form, so signals reach the process");
                    break;
                case "RUN":
                    CheckRun(instruction, at, problems);
                    break;
                default:
                    break;
            }
        }

        if (file.Final.Last("USER") is not { } user)
        {
            problems.Add("DL3002 the final stage sets no USER: it would run as root");
        }
        else if (user.Rest is "root" or "0" || user.Rest.StartsWith("root:", StringComparison.Ordinal) || user.Rest.StartsWith("0:", StringComparison.Ordinal))
        {
            problems.Add($"DL3002 line {user.Line}: the last USER is root");
        }

        foreach (var stage in file.Stages)
        {
            foreach (var keyword in new[] { "CMD", "ENTRYPOINT", "HEALTHCHECK" })
            {
                if (stage.All(keyword).Skip(1).FirstOrDefault() is { } second)
                {
                    problems.Add($"DL4003/DL4004 line {second.Line}: only the last {keyword} of a stage counts");
                }
            }
        }

        return problems;
    }

    private static void CheckRun(DockerInstruction run, string at, List<string> problems)
    {
        var command = run.Rest;
        foreach (var whole in Commands().Split(command).Select(p => p.Trim()))
        {
            var part = whole;
            if (part.StartsWith("sudo ", StringComparison.Ordinal))
            {
                problems.Add($"DL3004 {at}: no sudo in a RUN");
                part = part["sudo ".Length..];
            }

            if (part.StartsWith("cd ", StringComparison.Ordinal))
            {
                problems.Add($"DL3003 {at}: use WORKDIR to change folder");
            }

            if (AptUpgrade().IsMatch(part))
            {
                problems.Add($"DL3005 {at}: no apt-get upgrade/dist-upgrade: take a newer base image");
            }

            if (part.StartsWith("apt-get install", StringComparison.Ordinal) || part.StartsWith("apt install", StringComparison.Ordinal))
            {
                if (part.StartsWith("apt install", StringComparison.Ordinal))
                {
                    problems.Add($"DL3027 {at}: use apt-get, not apt");
                }

                if (!Yes().IsMatch(part))
                {
                    problems.Add($"DL3014 {at}: apt-get install needs -y");
                }

                if (!part.Contains("--no-install-recommends", StringComparison.Ordinal))
                {
                    problems.Add($"DL3015 {at}: apt-get install --no-install-recommends");
                }

                if (!command.Contains("rm -rf /var/lib/apt/lists/*", StringComparison.Ordinal))
                {
                    problems.Add($"DL3009 {at}: remove /var/lib/apt/lists in the RUN that installs");
                }
            }

            if (part.StartsWith("curl ", StringComparison.Ordinal) || part.StartsWith("wget ", StringComparison.Ordinal))
            {
                problems.Add($"DL3047/DL4001 {at}: nothing is downloaded outside a package manager");
            }
        }

        if (command.Contains(" | ", StringComparison.Ordinal) && !command.Contains("pipefail", StringComparison.Ordinal))
        {
            problems.Add($"DL4006 {at}: a RUN with a pipe sets -o pipefail (SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"])");
        }
    }

    [GeneratedRegex(@"&&|\|\||;")]
    private static partial Regex Commands();

    [GeneratedRegex(@"^apt(-get)?\s+(-\S+\s+)*(upgrade|dist-upgrade)\b")]
    private static partial Regex AptUpgrade();

    [GeneratedRegex(@"(^|\s)(-y|--yes|-qq?y|--assume-yes)(\s|$)")]
    private static partial Regex Yes();
}
