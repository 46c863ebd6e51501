using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Tests.TestKit;

namespace ClaudeProxy.Tests.Usage;

/// <summary>The store contract against the embedded SQLite file.</summary>
public sealed class SqliteUsageStoreContractTests : UsageStoreContract
{
    private readonly TempFolder _folder = new();

    protected override ValueTask<IUsageStore> CreateStoreAsync() =>
        ValueTask.FromResult<IUsageStore>(new SqliteUsageStore(Path.Combine(_folder.Path, "usage.db")));

    protected override ValueTask CleanUpAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
