using System.CommandLine;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using Microsoft.AspNetCore.Connections;

namespace ClaudeProxy.Cli;

/// <summary><c>claude-proxy serve</c> (also what runs with no command): start the gateway.</summary>
public static class ServeCommand
{
    public static readonly Option<string?> ConfigOption = new("--config", "-c")
    {
        Description = "Path of the config file (default: .config/config.json, or CONFIG_PATH).",
        Recursive = true,
    };

    public static readonly Option<int?> PortOption = new("--port", "-p")
    {
        Description = "Port to listen on (default: 3000, or PORT).",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run the gateway (the default when no command is given).") { PortOption };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        GatewaySettings settings;
        try
        {
            settings = GatewaySettingsReader.Read(GatewaySettingsReader.EnvironmentWithDotEnv(".env"));
        }
        catch (SettingsException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.BadSettings;
        }

        if (parse.GetValue(ConfigOption) is { } configPath)
        {
            settings = settings with { ConfigPath = configPath };
        }

        if (parse.GetValue(PortOption) is { } port)
        {
            settings = settings with { Port = port };
        }

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = GatewayApp.Build(new GatewayOptions { Settings = settings });
        }
        catch (ConfigFileException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.BadConfig;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException)
            {
                await Console.Error.WriteLineAsync(
                    $"Cannot listen on {settings.Host}:{settings.Port}: the address is already in use (is another gateway running?). Set PORT or --port to a free port.");
                return ExitCodes.AddressInUse;
            }
            catch (System.Net.Sockets.SocketException socketError)
            {
                // A privileged port, or an address this host does not have.
                await Console.Error.WriteLineAsync(
                    $"Cannot listen on {settings.Host}:{settings.Port}: {socketError.Message}. Set HOST/PORT or --port to an address this user may listen on.");
                return ExitCodes.AddressInUse;
            }

            StartupMemory.Release();
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return ExitCodes.Ok;
    }
}
