using System.Text.Json;

namespace ClaudeProxy.Cli.Doctor;

/// <summary>The findings of <c>doctor</c> as text (one line a check, its fix beneath) or as JSON.</summary>
internal static class DoctorReport
{
    public static void WriteText(TextWriter output, IReadOnlyList<DoctorCheck> checks)
    {
        var width = checks.Count == 0 ? 0 : checks.Max(c => c.Name.Length);
        foreach (var check in checks)
        {
            output.WriteLine($"{Label(check.Status),-5} {check.Name.PadRight(width)}  {check.Detail}");
            foreach (var note in check.Notes)
            {
                output.WriteLine($"      {note}");
            }

            if (check.Fix is { } fix && check.Status is CheckStatus.Warn or CheckStatus.Fail)
            {
                output.WriteLine($"      fix: {fix}");
            }
        }

        output.WriteLine();
        output.WriteLine(Summary(checks));
    }

    public static void WriteJson(Utf8JsonWriter writer, IReadOnlyList<DoctorCheck> checks)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("ok", !checks.Any(c => c.Status == CheckStatus.Fail));
        writer.WriteStartArray("checks");
        foreach (var check in checks)
        {
            writer.WriteStartObject();
            writer.WriteString("name", check.Name);
            writer.WriteString("status", Label(check.Status));
            writer.WriteString("detail", check.Detail);
            if (check.Fix is { } fix && check.Status is CheckStatus.Warn or CheckStatus.Fail)
            {
                writer.WriteString("fix", fix);
            }

            writer.WriteStartArray("notes");
            foreach (var note in check.Notes)
            {
                writer.WriteStringValue(note);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warn => "warn",
        CheckStatus.Fail => "fail",
        _ => "skip",
    };

    private static string Summary(IReadOnlyList<DoctorCheck> checks)
    {
        var failed = checks.Count(c => c.Status == CheckStatus.Fail);
        var warned = checks.Count(c => c.Status == CheckStatus.Warn);
        var skipped = checks.Count(c => c.Status == CheckStatus.Skip);
        var counts = $"{checks.Count(c => c.Status == CheckStatus.Ok)} ok, {warned} warning(s), {failed} failed{(skipped > 0 ? $", {skipped} skipped" : "")}";
        return failed > 0 ? $"{counts}: fix the failures above before starting the gateway." : $"{counts}: ready to start.";
    }
}
