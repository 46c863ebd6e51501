namespace ClaudeProxy.Panel.Services;

/// <summary>The panel's own services, registered the same way by the app and by the component tests.</summary>
public static class PanelServices
{
    public static IServiceCollection AddPanelServices(this IServiceCollection services, Uri origin, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped(_ => AdminApiClient.CreateHttpClient(origin, handler));
        services.AddScoped<AdminApiClient>();
        services.AddScoped<BrowserStorage>();
        services.AddScoped<PanelPreferences>();
        services.AddScoped<SessionHint>();
        services.AddScoped<Clipboard>();
        services.AddScoped<LocalTimeZone>();
        return services;
    }
}
