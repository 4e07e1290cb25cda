using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Database;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Core.Tests;

public sealed class MigrationRunnerTests(PostgresServer server)
{
    [Fact]
    public async Task Applying_twice_records_each_migration_once_and_keeps_the_schema()
    {
        await using var db = await TestDatabase.CreateAsync(server, "migrate_twice", migrate: false);

        await MigrationRunner.ApplyAsync(db.DataSource, NullLogger.Instance, TestContext.Current.CancellationToken);
        await MigrationRunner.ApplyAsync(db.DataSource, NullLogger.Instance, TestContext.Current.CancellationToken);

        var names = MigrationRunner.EmbeddedMigrations().Select(m => m.Name).ToList();
        names.Should().StartWith("001_initial_schema.sql").And.BeInAscendingOrder(StringComparer.Ordinal);
        (await db.ScalarAsync<long>("SELECT count(*) FROM upload_pipeline.schema_migrations")).Should().Be(names.Count);
        (await db.ScalarAsync<long>("SELECT count(DISTINCT table_name) FROM information_schema.tables WHERE table_schema = 'upload_pipeline'"))
            .Should().Be(9, "eight pipeline tables (the last the event counters of the metrics scrape) and schema_migrations");
    }

    [Fact]
    public async Task Concurrent_service_starts_apply_the_migrations_exactly_once()
    {
        await using var db = await TestDatabase.CreateAsync(server, "migrate_concurrent", migrate: false);

        var starts = Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => MigrationRunner.ApplyAsync(db.DataSource, NullLogger.Instance, TestContext.Current.CancellationToken)));
        await Task.WhenAll(starts);

        (await db.ScalarAsync<long>("SELECT count(*) FROM upload_pipeline.schema_migrations"))
            .Should().Be(MigrationRunner.EmbeddedMigrations().Count);
    }

    [Fact]
    public async Task Vectors_read_back_as_real_arrays_with_or_without_pgvector()
    {
        await using var db = await TestDatabase.CreateAsync(server, "migrate_vectors");
        var hasPgvector = await db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')");
        var columnType = await db.ScalarAsync<string>("""
            SELECT udt_name FROM information_schema.columns
            WHERE table_schema = 'upload_pipeline' AND table_name = 'document_chunks' AND column_name = 'embedding'
            """);

        columnType.Should().Be(hasPgvector ? "vector" : "_float4");
    }
}
