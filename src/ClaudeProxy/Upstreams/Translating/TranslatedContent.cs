using System.Net;
using System.Net.Http.Headers;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// A translated body, sent from the pooled buffer the mapper wrote it into. The buffer goes back to
/// the pool when the request message is disposed — or, should the handler still be writing it then
/// (an upstream may answer before it has read the whole body), when that write ends: a buffer back
/// in the pool may already hold another request's bytes, so it is never read after.
/// </summary>
internal sealed class TranslatedContent : HttpContent
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Lock _gate = new();
    private readonly RequestMapping _mapping;
    private int _writers;
    private bool _disposed;

    public TranslatedContent(RequestMapping mapping)
    {
        _mapping = mapping;
        Headers.ContentType = Json;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> body;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writers++;
            body = _mapping.Body;
        }

        try
        {
            await stream.WriteAsync(body, cancellationToken);
        }
        finally
        {
            bool release;
            lock (_gate)
            {
                release = --_writers == 0 && _disposed;
            }

            if (release)
            {
                _mapping.Dispose();
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        lock (_gate)
        {
            length = _disposed ? 0 : _mapping.Body.Length;
            return !_disposed;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            bool release;
            lock (_gate)
            {
                release = !_disposed && _writers == 0;
                _disposed = true;
            }

            if (release)
            {
                _mapping.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
