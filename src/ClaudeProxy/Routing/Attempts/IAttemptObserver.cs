namespace ClaudeProxy.Routing.Attempts;

/// <summary>Receives every attempt record as it completes; must be quick and must not throw.</summary>
public interface IAttemptObserver
{
    void OnAttempt(AttemptRecord record);
}
