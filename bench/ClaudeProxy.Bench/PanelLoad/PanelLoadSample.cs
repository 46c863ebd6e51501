namespace ClaudeProxy.Bench.PanelLoad;

/// <summary>
/// One cold load of the panel in a fresh browser context, as the page itself timed it (milliseconds from
/// navigation start): first contentful paint, the sign-in form's password input visible, and the bytes the
/// browser received (response bodies as sent, so gzip on plain HTTP).
/// </summary>
internal sealed record PanelLoadSample(double FirstContentfulPaintMs, double SignInVisibleMs, long TransferredBytes, int Files);
