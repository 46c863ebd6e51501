using System.Collections.Concurrent;

namespace ClaudeProxy.Observability.Metrics;

/// <summary>
/// The <c>model</c> label: the model the client asked for, which any client with the proxy key can make
/// up. Every distinct value is a new time series in every scraper, so only the first
/// <see cref="Limit"/> models seen since start get their own value; later ones, and absurdly long
/// names, are folded into <c>other</c>.
/// </summary>
public sealed class ModelLabels(int limit = ModelLabels.DefaultLimit)
{
    public const int DefaultLimit = 100;

    public const string Other = "other";

    public const string Unknown = "unknown";

    private const int MaxLength = 128;

    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    public int Limit { get; } = limit;

    public string For(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return Unknown;
        }

        if (_known.TryGetValue(model, out var label))
        {
            return label;
        }

        if (model.Length > MaxLength || _known.Count >= Limit)
        {
            return Other;
        }

        // Racing threads may overshoot the limit by a few entries; the bound is what matters, not its exact value.
        return _known.GetOrAdd(model, model);
    }
}
