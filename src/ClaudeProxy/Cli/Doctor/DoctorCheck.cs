namespace ClaudeProxy.Cli.Doctor;

/// <summary>How one check of <c>doctor</c> went; only <see cref="Fail"/> makes the command fail.</summary>
internal enum CheckStatus
{
    Ok,
    Warn,
    Fail,

    /// <summary>Not checked (<c>--offline</c>, or what it needs failed first).</summary>
    Skip,
}

/// <summary>
/// One finding of <c>doctor</c>: what was checked, how it went, and for anything not ok, what to do about it.
/// Its text never holds a secret: keys are not read into it, URLs are shown without userinfo or query.
/// </summary>
internal sealed record DoctorCheck(string Name, CheckStatus Status, string Detail)
{
    /// <summary>What to do to make the check pass (not ok checks only).</summary>
    public string? Fix { get; init; }

    /// <summary>More lines under the finding: each problem of a broken config, the config's notices.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static DoctorCheck Ok(string name, string detail) => new(name, CheckStatus.Ok, detail);

    public static DoctorCheck Warn(string name, string detail, string fix) => new(name, CheckStatus.Warn, detail) { Fix = fix };

    public static DoctorCheck Fail(string name, string detail, string fix) => new(name, CheckStatus.Fail, detail) { Fix = fix };

    public static DoctorCheck Skip(string name, string detail) => new(name, CheckStatus.Skip, detail);
}
