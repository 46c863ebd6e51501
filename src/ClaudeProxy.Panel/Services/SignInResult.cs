namespace ClaudeProxy.Panel.Services;

public enum SignInOutcome
{
    SignedIn,
    WrongKey,
    Throttled,
    Failed,
}

/// <summary>How a sign-in went; <see cref="Message"/> is the server's own throttle message when it sent one.</summary>
public sealed record SignInResult(SignInOutcome Outcome, string? Message);
