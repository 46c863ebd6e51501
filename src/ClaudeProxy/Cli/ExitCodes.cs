namespace ClaudeProxy.Cli;

/// <summary>
/// The exit codes of every command, in one place; <see cref="Summary"/> is shown by <c>--help</c>
/// so scripts can rely on them.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A config file is broken (bad JSON, a broken rule) or cannot be read or written.</summary>
    public const int BadConfig = 1;

    /// <summary>Bad input: an unknown command or option, a missing argument, an invalid value.</summary>
    public const int Invalid = 2;

    /// <summary>Malformed server settings (environment variables, <c>.env</c>) are bad input too.</summary>
    public const int BadSettings = Invalid;

    /// <summary>No such channel, key, mapping or file.</summary>
    public const int NotFound = 3;

    /// <summary>The change would duplicate something (a key, a channel id) or a reference is ambiguous.</summary>
    public const int Conflict = 4;

    /// <summary>The gateway could not listen: its address is taken (another gateway may be running there) or not allowed.</summary>
    public const int AddressInUse = 5;

    /// <summary>A check found a problem: <c>doctor</c> had a failed check, or <c>health</c> got no healthy answer.</summary>
    public const int CheckFailed = 6;

    public const string Summary =
        "Exit codes: 0 ok, 1 config file broken or unwritable, 2 bad usage or value, 3 not found, 4 conflict (duplicate or ambiguous), 5 the gateway cannot listen on its address (in use or not allowed), 6 a check failed (doctor found a problem, health got no healthy answer).";
}
