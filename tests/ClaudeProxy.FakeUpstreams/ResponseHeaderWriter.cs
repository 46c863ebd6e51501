namespace ClaudeProxy.FakeUpstreams;

/// <summary>Applies scripted headers, letting a repeated name send several values.</summary>
internal static class ResponseHeaderWriter
{
    public static void Apply(HttpResponse response, IReadOnlyList<(string Name, string Value)> headers)
    {
        // Set rather than append, so a scripted Content-Type replaces the reply's default one.
        foreach (var group in headers.GroupBy(header => header.Name, StringComparer.OrdinalIgnoreCase))
        {
            response.Headers[group.Key] = group.Select(header => header.Value).ToArray();
        }
    }
}
