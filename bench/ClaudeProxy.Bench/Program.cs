using ClaudeProxy.Bench.Cli;

return await BenchCli.RunAsync(args);
