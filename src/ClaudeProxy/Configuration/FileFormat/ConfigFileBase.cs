namespace ClaudeProxy.Configuration.FileFormat;

/// <summary>
/// The config file as last read or written: its bytes and the config they mean (before any ids were added),
/// so a write can change only what differs from it.
/// </summary>
public sealed record ConfigFileBase(byte[] Bytes, ProxyConfig Parsed);
