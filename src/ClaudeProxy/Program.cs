using ClaudeProxy.Cli;

return await GatewayCli.RunAsync(args);
