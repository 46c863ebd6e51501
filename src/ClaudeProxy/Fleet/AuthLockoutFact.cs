namespace ClaudeProxy.Fleet;

/// <summary>A client address locked out until <see cref="Until"/>, as instances tell it to each other; <see cref="Run"/> lets an instance skip its own echo.</summary>
public sealed record AuthLockoutFact(string Address, DateTimeOffset Until, string Instance, string Run);
