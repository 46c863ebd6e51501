namespace ClaudeProxy.Configuration;

/// <summary>The rules for an instance's name among several: what <c>INSTANCE_ID</c> accepts and what it defaults to.</summary>
public static class InstanceIdentity
{
    public const int MaxLength = 64;

    /// <summary>The host name, which is what a restarted instance on the same host (or a container with a fixed hostname) gets back.</summary>
    public static string DefaultId()
    {
        var name = Environment.MachineName;
        return IsValid(name) ? name : "gateway";
    }

    public static bool IsValid(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
