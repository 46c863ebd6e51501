using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;

namespace ClaudeProxy.Configuration;

/// <summary>
/// Refuses upstream URLs that point at link-local or cloud-metadata addresses: a channel aimed there
/// would send requests (and its key) to the metadata service of the machine the gateway runs on, which
/// hands out cloud credentials. Loopback and private ranges stay allowed, since people run local
/// models. Only what the URL says is checked — literal addresses (in any form <see cref="Uri"/>
/// accepts, such as <c>0xA9FEA9FE</c>) and the known metadata host names; no DNS is resolved.
/// </summary>
public static class UnsafeUpstreamAddress
{
    private static readonly FrozenSet<string> MetadataHosts = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.internal", "instance-data",
        "instance-data.ec2.internal", "metadata.tencentyun.com", "metadata.platformequinix.com");

    private static readonly IPAddress AlibabaMetadata = IPAddress.Parse("100.100.100.200");
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");
    private static readonly IPAddress OracleMetadata = IPAddress.Parse("192.0.0.192");

    /// <summary>Why <paramref name="url"/> may not be an upstream; null when it may.</summary>
    public static string? Problem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.TrimEnd('.');
        var zone = host.IndexOf('%', StringComparison.Ordinal);
        if (zone >= 0)
        {
            host = host[..zone];
        }

        if (MetadataHosts.Contains(host))
        {
            return $"'{url.Host}' is a cloud metadata service, not an upstream";
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(AlibabaMetadata) || address.Equals(AwsMetadataV6) || address.Equals(OracleMetadata))
        {
            return $"{address} is a cloud metadata service, not an upstream";
        }

        var linkLocal = address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes() is [169, 254, _, _]
            : address.IsIPv6LinkLocal;
        return linkLocal ? $"{address} is a link-local address (where cloud metadata services answer), not an upstream" : null;
    }
}
