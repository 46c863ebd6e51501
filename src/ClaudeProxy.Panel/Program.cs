using ClaudeProxy.Panel;
using ClaudeProxy.Panel.Services;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.Services.AddMudServices();
builder.Services.AddPanelServices(new Uri(builder.HostEnvironment.BaseAddress));
await builder.Build().RunAsync().ConfigureAwait(false);
