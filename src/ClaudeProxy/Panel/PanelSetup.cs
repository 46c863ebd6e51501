using ClaudeProxy.Configuration;

namespace ClaudeProxy.Panel;

/// <summary>Wires the web panel in: its files (embedded, or PANEL_DIR) and the middleware serving them, unless ENABLE_WEB_UI=false.</summary>
public static partial class PanelSetup
{
    public static IServiceCollection AddPanel(this IServiceCollection services, GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.EnableWebUi)
        {
            return services;
        }

        services.AddSingleton<IPanelFiles>(settings.PanelDirectory is { } folder
            ? new DirectoryPanelFiles(folder)
            : new EmbeddedPanelFiles(typeof(PanelSetup).Assembly));
        services.AddSingleton<PanelPolicy>();
        return services;
    }

    public static IApplicationBuilder UsePanel(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<IPanelFiles>() is not { } files)
        {
            return app;
        }

        var settings = app.ApplicationServices.GetRequiredService<GatewaySettings>();
        if (settings.PanelDirectory is { } folder && !files.Contains(PanelMiddleware.IndexFile))
        {
            LogNoPanelInFolder(app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PanelSetup)), Path.GetFullPath(folder));
        }

        return app.UseMiddleware<PanelMiddleware>();
    }

    /// <summary>Whether a page is served at <c>/</c>: the panel is on and its files are there.</summary>
    public static bool IsServed(IServiceProvider services) =>
        services.GetService<IPanelFiles>()?.Contains(PanelMiddleware.IndexFile) == true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "PANEL_DIR={Folder} holds no index.html: the web panel is not served")]
    private static partial void LogNoPanelInFolder(ILogger logger, string folder);
}
