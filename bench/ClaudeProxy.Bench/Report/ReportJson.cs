using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeProxy.Bench.Report;

/// <summary>How a run's JSON report is written.</summary>
internal static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // "≥ 0.40×" and "≤ 20 µs" stay readable in the file; the JSON is read by people as much as by tools.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
