using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Core;
using Pipeline.Core.Chunking;
using Pipeline.Core.Queue;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace BaseWorker.Tests;

/// <summary>
/// A worker whose lease was reclaimed may still be running a stage. Each stage is run by the old
/// holder and again by the new one: the old holder's commit is refused, and no row exists twice.
/// </summary>
public sealed class StageRerunTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_stage_rerun_after_a_lease_takeover_leaves_each_row_once()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "rerun_stages",
            new Dictionary<string, string?> { ["Worker:MaxAttempts"] = "10" }); // three takeovers must not exhaust the attempts
        harness.Providers.Markdown = SampleText.Policy(6);
        var queue = harness.Service<JobQueue>();
        var stages = harness.Service<StageRunner>();
        var (documentId, jobId, _) = await harness.UploadAsync();
        var expected = new TextChunker(64, 8).Chunk(documentId, harness.Providers.Markdown);

        // The current holder stops renewing and its lease runs out; the next worker takes the job over.
        async Task<ClaimedJob> TakeOverAsync(string worker)
        {
            await harness.Database.ExpireLeaseAsync(jobId);
            var claimed = await queue.ClaimAsync(worker, TimeSpan.FromMinutes(5), Ct);
            claimed.Should().NotBeNull($"{worker} reclaims the expired lease");
            return claimed!;
        }

        var a = (await queue.ClaimAsync("worker-a", TimeSpan.FromMinutes(5), Ct))!;
        while (a.Stage != Stages.Chunking) a = await stages.RunAsync(a, Ct) ?? (await queue.ClaimAsync("worker-a", TimeSpan.FromMinutes(5), Ct))!;

        var b = await TakeOverAsync("worker-b");
        await FluentActions.Awaiting(() => stages.RunAsync(a, Ct)).Should().ThrowAsync<LeaseLostException>("worker-a lost the job");
        b = (await stages.RunAsync(b, Ct))!;
        b.Stage.Should().Be(Stages.ChunksBuffered);
        (await CountAsync(harness, "document_chunk_buffer", documentId)).Should().Be(expected.Count, "chunking twice buffers each chunk once");

        b = (await stages.RunAsync(b, Ct))!;
        b.Stage.Should().Be(Stages.Embedding);
        var c = await TakeOverAsync("worker-c");
        await FluentActions.Awaiting(() => stages.RunAsync(b, Ct)).Should().ThrowAsync<LeaseLostException>();
        c = (await stages.RunAsync(c, Ct))!;
        c.Stage.Should().Be(Stages.EmbeddingsBuffered);
        (await CountAsync(harness, "document_vector_buffer", documentId)).Should().Be(expected.Count);
        harness.Providers.EmbeddedInputs.Should().Be(expected.Count, "vectors buffered by the old holder are not paid for again");

        var d = await TakeOverAsync("worker-d");
        await FluentActions.Awaiting(() => stages.RunAsync(c, Ct)).Should().ThrowAsync<LeaseLostException>();
        (await CountAsync(harness, "document_chunks", documentId)).Should().Be(0, "the refused final commit rolled back its move");
        (await stages.RunAsync(d, Ct)).Should().BeNull();

        var job = await harness.Database.JobAsync(jobId);
        job.Should().Match<JobRow>(j => j.Stage == Stages.Embedded && j.State == JobStates.Done);
        (await CountAsync(harness, "document_chunks", documentId)).Should().Be(expected.Count, "no chunk lost, none stored twice");
    }

    private static Task<long> CountAsync(WorkerHarness harness, string table, Guid documentId) =>
        harness.Database.ScalarAsync<long>($"SELECT count(*) FROM upload_pipeline.{table} WHERE document_id = @id", ("id", documentId));
}
