namespace ClaudeProxy.Proxy.Responses;

/// <summary>
/// Where stored conversations go besides this process's memory, so that another instance can continue them
/// (the fleet's Redis). Neither call throws: an unreachable or slow store is a write that did not happen and a miss.
/// </summary>
public interface ISharedResponses
{
    /// <summary>Writes the conversation to expire after <paramref name="ttl"/>; completes once it is written, dropped or failed.</summary>
    Task WriteAsync(string id, byte[] items, TimeSpan ttl);

    /// <summary>The conversation response <paramref name="id"/> ended and how long it has left; null when unknown or unreachable.</summary>
    Task<(byte[] Items, TimeSpan Left)?> ReadAsync(string id);
}
