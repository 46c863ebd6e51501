using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Security;

namespace ClaudeProxy.Cli;

/// <summary>
/// Prepares an imported config for writing. A masked key (as <c>config export</c> writes them)
/// becomes the real key again when the current file has a channel with the same id holding it; a
/// masked key nothing matches is dropped, since sending a mask upstream could only fail.
/// </summary>
internal static class ConfigImport
{
    public sealed record Result(ProxyConfig Config, int RestoredKeys, IReadOnlyList<string> DroppedKeys);

    public static Result Prepare(ProxyConfig imported, ProxyConfig? current)
    {
        ArgumentNullException.ThrowIfNull(imported);
        if (current is not null)
        {
            imported = ConfigMasking.RestoreCarriedSecrets(imported, current, "imported config");
        }

        var restored = 0;
        var dropped = new List<string>();
        var channels = imported.Upstream.Select(channel =>
        {
            var existing = channel.Id is null ? null : current?.Upstream.FirstOrDefault(c => c.Id == channel.Id);
            var unmasked = KeyRef.Unmask(channel.ApiKeys, existing);
            restored += unmasked.Where((key, i) => key != channel.ApiKeys[i]).Count();
            foreach (var key in unmasked.Where(LooksMasked))
            {
                dropped.Add($"{channel.DisplayName}: {key}");
            }

            return channel with { ApiKeys = [.. unmasked.Where(k => !LooksMasked(k))] };
        }).ToList();
        return new Result(imported with { Upstream = channels }, restored, dropped);
    }

    private static bool LooksMasked(string key) => SecretMask.IsMasked(key);
}
