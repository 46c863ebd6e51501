using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Observability.Usage.Postgres;
using ClaudeProxy.Tests.TestKit;
using Npgsql;
using Xunit;
using static ClaudeProxy.Tests.Usage.UsageEntries;

namespace ClaudeProxy.Tests.Usage.Postgres;

/// <summary>
/// The store contract against PostgreSQL (a fresh database per test), and what only a shared server store does: schema
/// creation by several instances at once, pruning by one instance at a time, text PostgreSQL cannot hold, an outage.
/// </summary>
public sealed class PostgresUsageStoreTests(PostgresServer server) : UsageStoreContract
{
    private string? _url;

    protected override async ValueTask<IUsageStore> CreateStoreAsync()
    {
        _url ??= await server.CreateDatabaseAsync(Token);
        return new PostgresUsageStore(PostgresAddress.Parse(_url));
    }

    [Fact]
    public void DeleteOlderThan_while_another_instance_holds_the_prune_lock_returns_0_and_deletes_nothing()
    {
        Store.Append([Entry(time: Noon.AddDays(-40)), Entry(time: Noon)]);
        using var other = Connect();
        Scalar(other, $"SELECT pg_advisory_lock({PostgresSchema.PruneLock})");

        var whileHeld = Store.DeleteOlderThan(Noon.AddDays(-30));
        Store.Optimize();
        var countWhileHeld = Store.QueryLogs(new LogQuery()).Items.Count;
        Scalar(other, $"SELECT pg_advisory_unlock({PostgresSchema.PruneLock})");
        var afterwards = Store.DeleteOlderThan(Noon.AddDays(-30));

        Assert.Equal(0, whileHeld);
        Assert.Equal(2, countWhileHeld);
        Assert.Equal(1, afterwards);
        // The store let go of the lock: another session can take it at once.
        Assert.Equal(true, Scalar(other, $"SELECT pg_try_advisory_lock({PostgresSchema.PruneLock})"));
    }

    [Fact]
    public async Task Instances_opening_an_empty_database_at_once_all_succeed_and_leave_one_schema_version_row()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync().AsTask()));

        await Task.WhenAll(stores.Select(store => Task.Run(store.Open, Token)));

        using var connection = Connect();
        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM usage_schema"));
        Assert.Equal(1, Scalar(connection, "SELECT version FROM usage_schema"));
        Assert.Equal(true, Scalar(connection, "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = 'requests' AND indexdef LIKE '%(\"time\")%')"));
        Assert.Equal("timestamp with time zone", Scalar(connection, "SELECT data_type FROM information_schema.columns WHERE table_name = 'requests' AND column_name = 'time'"));
    }

    [Fact]
    public void Text_PostgreSQL_cannot_hold_is_kept_with_a_replacement_character_instead_of_failing_the_batch()
    {
        var ids = Store.Append([Entry(model: "bad\0model") with { ErrorMessage = "lone \ud800 surrogate" }, Entry()]);

        var read = Store.Find(ids[0])!;

        Assert.Equal("bad\uFFFDmodel", read.Model);
        Assert.Equal("lone \uFFFD surrogate", read.ErrorMessage);
        Assert.Equal(2, Store.QueryLogs(new LogQuery()).Items.Count);
    }

    [Fact]
    public void A_server_that_cannot_be_reached_makes_every_call_throw_without_naming_the_password()
    {
        var closedPort = PortNobodyListensOn();
        using var unreachable = new PostgresUsageStore(PostgresAddress.Parse($"postgres://postgres:secret-pw@127.0.0.1:{closedPort}/db"));

        var failure = Assert.ThrowsAny<NpgsqlException>(() => unreachable.Append([Entry()]));
        Assert.DoesNotContain("secret-pw", failure.ToString(), StringComparison.Ordinal);
        Assert.ThrowsAny<NpgsqlException>(() => unreachable.QueryLogs(new LogQuery()));
        Assert.ThrowsAny<NpgsqlException>(() => unreachable.DeleteOlderThan(Noon));
    }

    private NpgsqlConnection Connect()
    {
        var connection = new NpgsqlConnection(PostgresAddress.Parse(_url!).ConnectionString);
        connection.Open();
        return connection;
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    private static int PortNobodyListensOn()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
