namespace ClaudeProxy.Bench.Gateway;

/// <summary>How to start one build of the gateway: <c>native</c> (the Native AOT executable) or <c>jit</c> (<c>dotnet claude-proxy.dll</c>).</summary>
internal sealed record GatewayLaunch(string Build, string FileName, IReadOnlyList<string> Arguments, string Description, double BuildSeconds);
