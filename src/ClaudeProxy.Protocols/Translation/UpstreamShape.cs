namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Recognises the exceptions <see cref="System.Text.Json.JsonElement"/> throws when well-formed JSON
/// from an upstream does not have the shape a translator reads: a value of another kind
/// (<see cref="InvalidOperationException"/>), a missing property (<see cref="KeyNotFoundException"/>),
/// a number that does not fit (<see cref="FormatException"/>), an index from the upstream that
/// points nowhere. An upstream's answer is never trusted to be shaped right.
/// </summary>
public static class UpstreamShape
{
    public static bool IsMismatch(Exception exception) =>
        exception is InvalidOperationException or KeyNotFoundException or FormatException or OverflowException
            or ArgumentOutOfRangeException or IndexOutOfRangeException;
}
