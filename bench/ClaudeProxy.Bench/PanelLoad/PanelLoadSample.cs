namespace ClaudeProxy.Bench.PanelLoad;

/// <summary>
/// One cold load of the panel in a fresh browser context, as the page itself timed it (milliseconds from
/// navigation start): first contentful paint, the sign-in form's password input visible, and the bytes the
/// browser received (response bodies as sent: Brotli from loopback or HTTPS, gzip from other plain-HTTP hosts).
/// </summary>
internal sealed record PanelLoadSample(double FirstContentfulPaintMs, double SignInVisibleMs, long TransferredBytes, int Files);
