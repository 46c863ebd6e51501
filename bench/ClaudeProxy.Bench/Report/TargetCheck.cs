namespace ClaudeProxy.Bench.Report;

/// <summary>One target, checked: PASS, MISS, or not measured in this run (null).</summary>
internal sealed record TargetCheck(string Name, string Goal, string Measured, bool? Pass)
{
    public string Verdict => Pass switch
    {
        true => "PASS",
        false => "MISS",
        null => "n/a",
    };
}
