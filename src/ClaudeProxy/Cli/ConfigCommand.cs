using System.CommandLine;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Security;

namespace ClaudeProxy.Cli;

/// <summary><c>config …</c>: the config file as a whole — where it is, whether it is valid, export and import.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console) => new("config", "Validate, export and import the config file, or print its path.")
    {
        CreateValidate(console),
        CreateImport(console),
        CreateExport(console),
        CreatePath(console),
    };

    private static Command CreateValidate(CliConsole console)
    {
        var file = new Argument<string?>("file")
        {
            Description = "The file to check (default: the config file in use).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("validate", "Check a config file; problems are listed as file:line: what.") { file, CliOptions.Json };
        CommandRunner.SetAction(command, console, context =>
        {
            var path = Path.GetFullPath(context.GetValue(file) ?? context.ConfigPath);
            if (!File.Exists(path))
            {
                return context.Fail(ExitCodes.NotFound, $"there is no file {path}.");
            }

            ProxyConfig config;
            try
            {
                config = ConfigParser.Parse(File.ReadAllBytes(path), path);
            }
            catch (ConfigFileException ex)
            {
                if (context.Json)
                {
                    WriteValidation(context, path, null, ex.Problems);
                    return ExitCodes.BadConfig;
                }

                return context.Fail(ExitCodes.BadConfig, $"{path} is not a valid config:", ex.Problems);
            }

            if (context.Json)
            {
                WriteValidation(context, path, config, []);
                return ExitCodes.Ok;
            }

            context.Out.WriteLine($"{path}: valid; {config.Upstream.Count} channel(s), loadBalance {config.LoadBalance}.");
            var withoutId = config.Upstream.Count(c => c.Id is null);
            if (withoutId > 0)
            {
                context.Out.WriteLine($"{withoutId} channel(s) have no id yet (claude-proxy format); one is added when the server or an edit loads the file.");
            }

            foreach (var line in ConfigNotices.Lines(config))
            {
                context.Out.WriteLine(line);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateImport(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A config file: ours, or claude-proxy's config.json." };
        var command = new Command(
            "import",
            "Replace the config with a file, after validating it. The current file is backed up first; masked keys of channels with the same id keep their real keys.")
        {
            file, CliOptions.Json,
        };
        CommandRunner.SetAction(command, console, context =>
        {
            var source = Path.GetFullPath(context.GetValue(file));
            if (!File.Exists(source))
            {
                return context.Fail(ExitCodes.NotFound, $"there is no file {source}.");
            }

            ProxyConfig imported;
            try
            {
                imported = ConfigParser.Parse(File.ReadAllBytes(source), source);
            }
            catch (ConfigFileException ex)
            {
                return context.Fail(ExitCodes.BadConfig, $"{source} cannot be imported; nothing was changed:", ex.Problems);
            }

            ConfigImport.Result? result = null;
            var config = context.Replace(current => (result = ConfigImport.Prepare(imported, current)).Config);
            foreach (var dropped in result!.DroppedKeys)
            {
                context.Error.WriteLine($"warning: dropped the masked key {dropped} (no channel with its id holds the real key; add it with `keys add`).");
            }

            if (context.Json)
            {
                context.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("path", context.ConfigPath);
                    w.WriteNumber("channelCount", config.Upstream.Count);
                    w.WriteNumber("restoredKeys", result.RestoredKeys);
                    w.WriteNumber("droppedMaskedKeys", result.DroppedKeys.Count);
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine(
                    $"Imported {config.Upstream.Count} channel(s) from {source} into {context.ConfigPath}; {result.RestoredKeys} masked key(s) matched the current ones.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateExport(CliConsole console)
    {
        var includeKeys = new Option<bool>("--include-keys") { Description = "Write the real upstream keys (the output is then a secret)." };
        var command = new Command("export", "Print the config as a file for `config import`; keys are masked unless --include-keys.") { includeKeys };
        CommandRunner.SetAction(command, console, context =>
        {
            var config = context.ReadConfig();
            var node = context.GetValue(includeKeys) ? JsonNode.Parse(ConfigFileWriter.Serialize(config))! : ConfigMasking.Masked(config);

            context.WriteJson(w => node.WriteTo(w));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreatePath(CliConsole console)
    {
        var command = new Command("path", "Print the config file's path (--config, else CONFIG_PATH, else .config/config.json).") { CliOptions.Json };
        CommandRunner.SetAction(command, console, context =>
        {
            if (context.Json)
            {
                context.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("path", context.ConfigPath);
                    w.WriteBoolean("exists", File.Exists(context.ConfigPath));
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine(context.ConfigPath);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteValidation(CommandContext context, string path, ProxyConfig? config, IReadOnlyList<string> problems) =>
        context.WriteJson(w =>
        {
            w.WriteStartObject();
            w.WriteString("path", path);
            w.WriteBoolean("valid", config is not null);
            if (config is not null)
            {
                w.WriteNumber("channelCount", config.Upstream.Count);
                w.WriteStartArray("unusedFields");
                foreach (var field in ConfigNotices.UnusedFields(config))
                {
                    w.WriteStartObject();
                    w.WriteString("name", field.Name);
                    w.WriteStartArray("paths");
                    foreach (var path in field.Paths)
                    {
                        w.WriteStringValue(path);
                    }

                    w.WriteEndArray();
                    w.WriteString("why", field.Why);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("notices");
                foreach (var line in ConfigNotices.Lines(config))
                {
                    w.WriteStringValue(line);
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("problems");
            foreach (var problem in problems)
            {
                w.WriteStringValue(problem);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
}
