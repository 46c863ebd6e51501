using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;
using ClaudeProxy.Protocols.IO;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// Every <see cref="TestGateway"/> sweeps what it said to the outside — each answer its clients
/// read (headers and body, streams included, as they were read), its log lines and its banner — for
/// the upstream keys of the config it started with, and fails the test that leaked one. So the whole
/// test run is swept, test by test. The one answer that may hold raw keys, an export asked for
/// <c>includeKeys=true</c>, is not recorded.
/// </summary>
public sealed class GatewayOutputSweep
{
    /// <summary>Shorter values are too likely to occur by chance to be searched for.</summary>
    private const int MinKeyLength = 12;

    private const int MaxRecordedBytesPerAnswer = 4 * 1024 * 1024;

    private static readonly string[] KeyListFields = ["apiKeys", "historicalApiKeys", "disabledApiKeys", "apiKeyConfigs"];

    private readonly ConcurrentQueue<RecordedAnswer> _answers = new();

    public GatewayOutputSweep(string? configJson)
    {
        Keys = configJson is null ? [] : UpstreamKeys(JsonNode.Parse(configJson)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The upstream keys searched for.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>A handler that records every answer as its body is read.</summary>
    public DelegatingHandler CreateHandler() => new RecordingHandler(this) { InnerHandler = new SocketsHttpHandler() };

    public void AssertNoUpstreamKeyLeaked(CapturedLogs logs, string banner)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (Keys.Count == 0)
        {
            return;
        }

        var outputs = _answers.Select(a => (a.Source, a.Text())).Concat(logs.Lines.Select(line => ("log", line))).Append(("banner", banner));
        foreach (var (source, text) in outputs)
        {
            foreach (var key in Keys)
            {
                Assert.False(text.Contains(key, StringComparison.Ordinal), $"The upstream key {key} leaked through {source}:\n{text}");
            }
        }
    }

    private static IEnumerable<string> UpstreamKeys(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var keys = KeyListFields.Contains(name, StringComparer.Ordinal) ? KeyValues(value) : UpstreamKeys(value);
                    foreach (var key in keys)
                    {
                        yield return key;
                    }
                }

                break;
            case JsonArray array:
                foreach (var key in array.SelectMany(UpstreamKeys))
                {
                    yield return key;
                }

                break;
        }
    }

    private static IEnumerable<string> KeyValues(JsonNode? list) =>
        (list as JsonArray ?? [])
            .Select(item => item switch
            {
                JsonValue value when value.TryGetValue<string>(out var text) => text,
                JsonObject obj when obj["key"] is JsonValue key && key.TryGetValue<string>(out var text) => text,
                _ => null,
            })
            .OfType<string>()
            .Where(key => key.Length >= MinKeyLength);

    private sealed class RecordedAnswer(string source, string headers)
    {
        // A plain buffer rather than a stream: it lives as long as the sweep and holds no resource.
        private readonly List<byte> _body = [];

        public string Source => source;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            lock (_body)
            {
                if (_body.Count + bytes.Length <= MaxRecordedBytesPerAnswer)
                {
                    _body.AddRange(bytes);
                }
            }
        }

        public string Text()
        {
            lock (_body)
            {
                return headers + "\n\n" + Encoding.UTF8.GetString([.. _body]);
            }
        }
    }

    private sealed class RecordingHandler(GatewayOutputSweep sweep) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.Query.Contains("includeKeys=true", StringComparison.OrdinalIgnoreCase) == true)
            {
                return response;
            }

            var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
            var answer = new RecordedAnswer($"{request.Method} {request.RequestUri?.PathAndQuery} → {(int)response.StatusCode}", headers);
            sweep._answers.Enqueue(answer);
            var original = response.Content;
            var tee = new StreamContent(new TeeStream(await original.ReadAsStreamAsync(cancellationToken), answer));
            foreach (var header in original.Headers)
            {
                tee.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = tee;
            return response;
        }
    }

    /// <summary>Passes a body through unchanged, recording what the reader takes.</summary>
    private sealed class TeeStream(Stream inner, RecordedAnswer answer) : ReadOnlyStream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            answer.Append(buffer.AsSpan(offset, read));
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            answer.Append(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
