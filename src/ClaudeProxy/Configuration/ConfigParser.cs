using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ClaudeProxy.Configuration;

/// <summary>Turns config file bytes into a validated <see cref="ProxyConfig"/>, or into problems that say where and what.</summary>
public static class ConfigParser
{
    public static ProxyConfig Parse(ReadOnlySpan<byte> json, string filePath)
    {
        if (FirstInvalidUtf8(json) is { } invalid)
        {
            // The deserializer would fail decoding a string with an exception that names no place in the file.
            var line = json[..invalid].Count((byte)'\n') + 1;
            var problem = $"{filePath}:{line}: the file is not valid UTF-8 (byte {invalid})";
            throw new ConfigFileException($"Invalid config file {problem}") { Problems = [problem] };
        }

        ProxyConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(json, ConfigJsonContext.Default.ProxyConfig);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? l + 1 : 1;
            var column = ex.BytePositionInLine is { } c ? c + 1 : 1;
            var problem = $"{filePath}:{line}:{column}: {Describe(ex)}";
            throw new ConfigFileException($"Invalid config file {problem}", ex) { Problems = [problem] };
        }

        if (config is null)
        {
            var problem = $"{filePath}:1: the file must hold a JSON object, not null";
            throw new ConfigFileException($"Invalid config file {problem}") { Problems = [problem] };
        }

        config = WithDefaults(config);
        var issues = ConfigValidator.Validate(config);
        if (issues.Count > 0)
        {
            var bytes = json.ToArray();
            var problems = issues
                .Select(issue => $"{filePath}:{JsonLineLocator.FindLine(bytes, issue.Path) ?? 1}: {issue}")
                .ToList();
            throw new ConfigFileException($"Invalid config file:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}") { Problems = problems };
        }

        return config;
    }

    /// <summary>
    /// Fills absent fields with their defaults. The source-generated deserializer sets every init-only
    /// property, so an absent one arrives as null rather than keeping its initializer.
    /// </summary>
    private static ProxyConfig WithDefaults(ProxyConfig config)
    {
        var upstream = (config.Upstream ?? []).Select(c => c is null ? c! : c with { ApiKeys = c.ApiKeys ?? [] }).ToList();
        return config with
        {
            Upstream = upstream,
            LoadBalance = config.LoadBalance ?? LoadBalanceStrategy.Failover,
        };
    }

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> json)
    {
        if (Utf8.IsValid(json))
        {
            return null;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(json[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; we print our own location.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        var text = cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
        text = ExpectedKind(text) is { } expected ? $"expected {expected}" : text;
        return ex.Path is { Length: > 1 } path ? $"{text} (at {path.TrimStart('$', '.')})" : text;
    }

    /// <summary>"The JSON value could not be converted to System.Collections.Generic.IReadOnlyDictionary`2[…]" says what to write instead.</summary>
    private static string? ExpectedKind(string message)
    {
        const string Conversion = "The JSON value could not be converted to ";
        if (!message.StartsWith(Conversion, StringComparison.Ordinal))
        {
            return null;
        }

        var type = message[Conversion.Length..];
        return type switch
        {
            _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object",
            _ when type.Contains("List", StringComparison.Ordinal) => "a list",
            _ when type.Contains(nameof(PriceConfig), StringComparison.Ordinal) => "a price object such as {\"input\": 3, \"output\": 15}",
            _ when type.Contains(nameof(ChannelConfig), StringComparison.Ordinal) || type.Contains(nameof(ProxyConfig), StringComparison.Ordinal) => "an object",
            _ when type.Contains("System.String", StringComparison.Ordinal) => "a string",
            _ when type.Contains("System.Int", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
            _ => null,
        };
    }
}
