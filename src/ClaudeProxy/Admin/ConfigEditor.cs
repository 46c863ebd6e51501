using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Hosting;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Admin;

/// <summary>
/// Applies one admin edit through the config store (validate, back up, write atomically, swap) and
/// answers with the result. Edits run one at a time on the latest config, so parallel requests never
/// lose each other's changes; they run on the <see cref="ConfigWriteWorker"/>'s worker, so the request
/// awaits the file lock without holding a thread.
/// </summary>
public sealed class ConfigEditor(ConfigStore store, ConfigWriteWorker writes, HealthRegistry health)
{
    public ProxyConfig Current => store.Current;

    public async Task EditAsync(HttpContext context, Func<ProxyConfig, ProxyConfig> edit, Func<ProxyConfig, JsonNode> answer, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answer);
        ProxyConfig next;
        try
        {
            next = await writes.UpdateAsync(edit);
        }
        catch (ConfigEditException ex)
        {
            await AdminJson.WriteErrorAsync(context, ex);
            return;
        }
        catch (ConfigFileException ex)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, string.Join("; ", ex.Problems.DefaultIfEmpty(ex.Message)));
            return;
        }
        catch (IOException ex)
        {
            // The file could not be written: the old file and the live config are untouched.
            await GatewayErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, $"The config file could not be written: {ex.Message}");
            return;
        }

        await AdminJson.WriteAsync(context, answer(next), status);
    }

    /// <summary>The channel at <paramref name="index"/> of <paramref name="config"/> as the API shows it.</summary>
    public JsonObject View(ProxyConfig config, int index)
    {
        ArgumentNullException.ThrowIfNull(config);
        var snapshot = health.Snapshot(config).FirstOrDefault(h => h.ChannelId == config.Upstream[index].Id);
        return ChannelViews.One(ChannelPresenter.Present(config, index), snapshot);
    }

    public JsonObject List(ProxyConfig config) => ChannelViews.List(config, health.Snapshot(config));
}
