using System.Text;
using System.Text.Json;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>One request as the fake received it, with its body read in full.</summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(
        string method,
        string path,
        string queryString,
        string rawTarget,
        IReadOnlyDictionary<string, string> headers,
        byte[] body,
        Task aborted)
    {
        Method = method;
        Path = path;
        QueryString = queryString;
        RawTarget = rawTarget;
        Headers = headers;
        Body = body;
        Aborted = aborted;
    }

    public string Method { get; }

    /// <summary>The decoded path, without the query string.</summary>
    public string Path { get; }

    /// <summary>The query string including its leading <c>?</c>, or empty.</summary>
    public string QueryString { get; }

    /// <summary>The request target exactly as sent on the wire (path and query, not decoded).</summary>
    public string RawTarget { get; }

    /// <summary>Header values by case-insensitive name; repeated headers are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

#pragma warning disable CA1819 // The raw bytes are what tests compare; a copy per access would buy nothing.
    public byte[] Body { get; }
#pragma warning restore CA1819

    public string BodyText => field ??= Encoding.UTF8.GetString(Body);

    /// <summary>Completes when the client goes away (disconnects or cancels) before the reply ends.</summary>
    public Task Aborted { get; }

    public bool WasAborted => Aborted.IsCompleted;

    /// <summary>Parses the body as JSON; throws <see cref="JsonException"/> when it is not.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"{Method} {RawTarget}";
}
