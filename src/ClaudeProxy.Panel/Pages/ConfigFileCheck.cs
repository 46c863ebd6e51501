using System.Text.Json;
using ClaudeProxy.Panel.Services;

namespace ClaudeProxy.Panel.Pages;

/// <summary>What a chosen config file looks like before it is sent: enough to confirm the import, not a validation (the gateway validates).</summary>
internal static class ConfigFileCheck
{
    // Read as leniently as the gateway reads config files: comments and trailing commas are allowed.
    private static readonly PanelJsonContext Lenient = new(new JsonSerializerOptions
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    });

    public enum Problem
    {
        None,
        NotJson,
        NotConfig,
    }

    /// <summary>Reads <paramref name="json"/>; <paramref name="summary"/> is set when the answer is <see cref="Problem.None"/>.</summary>
    public static Problem Read(ReadOnlySpan<byte> json, out ConfigFileSummary? summary)
    {
        summary = null;
        if (!IsJson(json))
        {
            return Problem.NotJson;
        }

        try
        {
            summary = JsonSerializer.Deserialize(json, Lenient.ConfigFileSummary);
        }
        catch (JsonException)
        {
            return Problem.NotConfig; // JSON, but not an object with an "upstream" list and a strategy name
        }

        return summary is null ? Problem.NotConfig : Problem.None;
    }

    private static bool IsJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
