namespace ClaudeProxy.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int BadConfig = 1;
    public const int BadSettings = 2;
}
