namespace ClaudeProxy.Bench.Report;

/// <summary>A figure a target is checked against, or why this run has none.</summary>
internal readonly record struct Reading(double? Value, string? Missing)
{
    public static Reading Of(double value) => new(value, null);

    /// <summary>The value, or <paramref name="missing"/> as the reason when it is null or NaN.</summary>
    public static Reading Of(double? value, string missing) => value is { } v && !double.IsNaN(v) ? new(v, null) : None(missing);

    public static Reading None(string missing) => new(null, missing);

    public string NotMeasured => $"not measured ({Missing})";
}
