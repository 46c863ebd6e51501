namespace ClaudeProxy.Bench.PanelLoad;

/// <summary>The files of one page load asked for again in one content encoding, their bodies' sizes added up.</summary>
internal static class CompressedSizes
{
    public static async Task<long> TotalAsync(HttpClient client, Uri origin, IEnumerable<string> paths, string encoding, CancellationToken ct)
    {
        long total = 0;
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, path));
            request.Headers.Add("Accept", "text/html,*/*");
            request.Headers.Add("Accept-Encoding", encoding);
            using var response = await client.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            var served = response.Content.Headers.ContentEncoding;
            if (served.Count > 0 && !served.Contains(encoding))
            {
                throw new InvalidOperationException($"{path} came as {string.Join(',', served)} when {encoding} was asked for.");
            }

            total += (await response.Content.ReadAsByteArrayAsync(ct)).LongLength;
        }

        return total;
    }
}
