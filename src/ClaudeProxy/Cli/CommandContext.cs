using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaudeProxy.Cli;

/// <summary>
/// What a command works with: its parsed command line, the console, and the config file — read
/// as it is on disk, or changed through <see cref="ConfigStore.Update"/> like every other surface.
/// </summary>
internal sealed class CommandContext(ParseResult parse, CliConsole console)
{
    /// <summary>Indented, and masked keys keep their readable "…" rather than "\u2026" (HTML-sensitive characters are still escaped).</summary>
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private string? _configPath;

    public ParseResult Parse => parse;

    public TextWriter Out => console.Output;

    public TextWriter Error => console.Error;

    public TextReader In => console.Input;

    public bool Json => parse.GetValue(CliOptions.Json);

    public TimeProvider Clock => console.Clock;

    /// <summary>The request log file, found as the server finds it: <c>USAGE_DB_PATH</c>, else <c>usage.db</c> beside the config file.</summary>
    public string UsageDbPath =>
        (GatewaySettingsReader.Read(name => name == "USAGE_DB_PATH" ? console.Variables(name) : null) with { ConfigPath = ConfigPath }).ResolvedUsageDbPath;

    /// <summary><c>USAGE_DB_URL</c>: the PostgreSQL database the server logs to instead of the file, or null.</summary>
    public string? UsageDbUrl => GatewaySettingsReader.Read(name => name == "USAGE_DB_URL" ? console.Variables(name) : null).UsageDbUrl;

    /// <summary><c>--config</c>, else <c>CONFIG_PATH</c> (environment or <c>.env</c>), else the server's default; always absolute.</summary>
    public string ConfigPath => _configPath ??= Path.GetFullPath(parse.GetValue(ServeCommand.ConfigOption) ?? DefaultConfigPath());

    public T GetValue<T>(Argument<T> argument) => parse.GetValue(argument)!;

    public T? GetValue<T>(Option<T> option) => parse.GetValue(option);

    public bool IsGiven(Option option) => parse.GetResult(option) is not null;

    /// <summary>
    /// The config as the file holds it, without writing anything: no file means an empty config.
    /// A seed-format file's channels have no id yet (the first edit or the server adds them).
    /// </summary>
    public ProxyConfig ReadConfig() =>
        File.Exists(ConfigPath) ? ConfigParser.Parse(File.ReadAllBytes(ConfigPath), ConfigPath) : ProxyConfig.NewFile;

    /// <summary>Applies an edit: validated, the previous file backed up, the new one written atomically.</summary>
    public ProxyConfig Edit(Func<ProxyConfig, ProxyConfig> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var store = OpenStore();
        if (File.Exists(ConfigPath))
        {
            store.LoadOrCreate();
        }

        // With no file yet the edit applies to the empty config, and a failing edit creates no file.
        return Update(store, change);
    }

    /// <summary>Replaces the whole config, even when the current file is broken (that is what an import repairs); the build step gets the current config when it is readable.</summary>
    public ProxyConfig Replace(Func<ProxyConfig?, ProxyConfig> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var store = OpenStore();
        ProxyConfig? current = null;
        if (File.Exists(ConfigPath))
        {
            try
            {
                store.LoadOrCreate();
                current = store.Current;
            }
            catch (ConfigFileException)
            {
                // Broken: nothing to carry over; the write below still backs the file up first.
            }
        }

        return Update(store, _ => build(current));
    }

    public void WriteJson(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Out.WriteLine(JsonText(write));
    }

    /// <summary>Reports a failure on stderr (as JSON under <c>--json</c>) and returns its exit code.</summary>
    public int Fail(int exitCode, string message, IReadOnlyList<string>? details = null)
    {
        details ??= [];
        if (Json)
        {
            Error.WriteLine(JsonText(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteString("type", ErrorType(exitCode));
                w.WriteString("message", message);
                if (details.Count > 0)
                {
                    w.WriteStartArray("problems");
                    foreach (var detail in details)
                    {
                        w.WriteStringValue(detail);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }));
        }
        else
        {
            Error.WriteLine($"error: {message}");
            foreach (var detail in details)
            {
                Error.WriteLine($"  {detail}");
            }
        }

        return exitCode;
    }

    private static string ErrorType(int exitCode) => exitCode switch
    {
        ExitCodes.BadConfig => "config_error",
        ExitCodes.NotFound => "not_found",
        ExitCodes.Conflict => "conflict",
        _ => "invalid",
    };

    private static string JsonText(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ProxyConfig Update(ConfigStore store, Func<ProxyConfig, ProxyConfig> change)
    {
        try
        {
            return store.Update(change);
        }
        catch (ConfigFileException ex)
        {
            // The edit produced a config that breaks a rule: bad input, not a broken file.
            throw new ConfigEditException(ConfigEditError.Invalid, string.Join("; ", ex.Problems));
        }
    }

    private ConfigStore OpenStore() => new(ConfigPath, TimeProvider.System, NullLogger<ConfigStore>.Instance);

    private string DefaultConfigPath() =>
        // Only CONFIG_PATH matters here: a malformed PORT must not stop `channels list`.
        GatewaySettingsReader.Read(name => name == "CONFIG_PATH" ? console.Variables(name) : null).ConfigPath;
}
