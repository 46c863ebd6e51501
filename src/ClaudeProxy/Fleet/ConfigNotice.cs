namespace ClaudeProxy.Fleet;

/// <summary>
/// A config file as one instance shares it with the others: its bytes (base64, so the file arrives exactly as
/// written), their SHA-256, and who wrote it. The fleet's version number travels in front of it (see <see cref="SharedConfig"/>).
/// </summary>
public sealed record ConfigNotice(string Sha256, string Content, string Instance, string Run);
