using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Defects;
using Pipeline.Core.Options;
using Pipeline.Core.Queue;
using Pipeline.Tests.Support;
using Xunit;

namespace BaseWorker.Tests;

public sealed class LeaseKeeperTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_stage_keeps_its_lease_alive_beyond_the_lease_length()
    {
        await using var db = await TestDatabase.CreateAsync(server, "lease_renew");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = new JobQueue(db.DataSource, new WorkerOptions { LeaseSeconds = 1 }, QueueDefects.Rules(PipelineDefects.FromEnvironment()));
        var job = (await queue.ClaimAsync("worker-a", TimeSpan.FromSeconds(1), Ct))!;
        var firstExpiry = await LeaseExpiryAsync(db, jobId);

        await using var keeper = LeaseKeeper.Start(queue, job, TimeSpan.FromSeconds(1), NullLogger.Instance);
        await Eventually.UntilAsync("the lease renewed past its first expiry", () => LeaseExpiryAsync(db, jobId),
            expiry => expiry > firstExpiry.AddSeconds(1), TimeSpan.FromSeconds(10));

        keeper.LeaseLost.IsCancellationRequested.Should().BeFalse();
        (await queue.ClaimAsync("worker-b", TimeSpan.FromSeconds(30), Ct)).Should().BeNull("a renewed lease is not reclaimed");
    }

    [Fact]
    public async Task A_stage_whose_job_was_taken_over_is_cancelled()
    {
        await using var db = await TestDatabase.CreateAsync(server, "lease_lost");
        var (_, jobId, _) = await db.SeedJobAsync();
        var queue = new JobQueue(db.DataSource, new WorkerOptions { LeaseSeconds = 1 }, QueueDefects.Rules(PipelineDefects.FromEnvironment()));
        var job = (await queue.ClaimAsync("worker-a", TimeSpan.FromSeconds(1), Ct))!;
        await using var keeper = LeaseKeeper.Start(queue, job, TimeSpan.FromSeconds(1), NullLogger.Instance);

        await db.ExpireLeaseAsync(jobId);
        (await queue.ClaimAsync("worker-b", TimeSpan.FromMinutes(5), Ct)).Should().NotBeNull();

        await Eventually.UntilAsync("worker-a's stage being cancelled", () => Task.FromResult(keeper.LeaseLost.IsCancellationRequested),
            lost => lost, TimeSpan.FromSeconds(10));
    }

    private static Task<DateTime> LeaseExpiryAsync(TestDatabase db, Guid jobId) =>
        db.ScalarAsync<DateTime>("SELECT lease_expires_at FROM upload_pipeline.upload_jobs WHERE job_id = @id", ("id", jobId));
}
