using System.Text;

namespace ClaudeProxy.Bench.Report;

/// <summary>A table printed with aligned columns for the console, or as Markdown for the README.</summary>
internal sealed class TextTable(string title, params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public string Title => title;

    public void Add(params string[] cells) => _rows.Add(cells);

    public string ToText()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder().AppendLine(title);
        Line(text, headers, widths);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder().Append("**").Append(title).AppendLine("**").AppendLine();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select((_, i) => IsText(i) ? "---" : "---:")).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        return text.ToString();
    }

    /// <summary>Names and descriptions align left, figures right.</summary>
    private bool IsText(int column) =>
        column == 0 || _rows.Count(r => column < r.Length && r[column].Length > 0 && char.IsLetter(r[column][0])) * 2 > _rows.Count;

    private void Line(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : "";
            text.Append(IsText(i) ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
            if (i < widths.Length - 1)
            {
                text.Append("  ");
            }
        }

        text.AppendLine();
    }
}
