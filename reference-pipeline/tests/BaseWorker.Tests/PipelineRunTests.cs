using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Core;
using Pipeline.Core.Chunking;
using Pipeline.Core.Events;
using Pipeline.Core.Providers;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace BaseWorker.Tests;

/// <summary>A real worker host against real PostgreSQL and providers on loopback, one job end to end.</summary>
public sealed class PipelineRunTests(PostgresServer server)
{
    [Fact]
    public async Task One_job_goes_through_all_nine_stages_in_order_and_stores_every_chunk_once()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "run_lifecycle");
        harness.Providers.Markdown = SampleText.Policy(10);
        await harness.StartAsync();

        var (documentId, jobId, _) = await harness.UploadAsync();
        var job = await harness.WaitForDoneAsync(jobId);

        job.Should().Match<JobRow>(j => j.Stage == Stages.Embedded && j.State == JobStates.Done, job.ToString());
        var events = await harness.Database.EventsAsync(jobId);
        events.Where(e => e.Stage is not null).Select(e => e.Stage!).Distinct().Should().Equal(Stages.InOrder,
            "the timeline shows the nine stages in order");
        events.Count(e => e.EventType == EventTypes.StageTransition).Should().Be(9, "one into each stage, the first at upload");
        events.Should().Contain(e => e.EventType == EventTypes.WaitingForParser, "the job parked while the parser worked");

        var expected = new TextChunker(64, 8).Chunk(documentId, harness.Providers.Markdown);
        (await harness.Database.ScalarAsync<long>("SELECT count(*) FROM upload_pipeline.document_chunks WHERE document_id = @id", ("id", documentId)))
            .Should().Be(expected.Count, "one row per chunk, none lost, none twice");
        (await harness.Database.ScalarAsync<long>(
                "SELECT count(*) FROM upload_pipeline.document_chunks WHERE document_id = @id AND array_length(embedding::real[], 1) = 8", ("id", documentId)))
            .Should().Be(expected.Count);
        var firstVector = await harness.Database.ScalarAsync<float[]>(
            "SELECT embedding::real[] FROM upload_pipeline.document_chunks WHERE document_id = @id AND chunk_ordinal = 0", ("id", documentId));
        firstVector.Should().Equal(FakeProviders.VectorFor(expected[0].Content));
        (await harness.Database.ScalarAsync<string>("SELECT parsed_sha256 FROM upload_pipeline.documents WHERE document_id = @id", ("id", documentId)))
            .Should().Be(ChunkIds.Sha256Hex(harness.Providers.Markdown));
        (await harness.Database.ScalarAsync<int>("SELECT page_count FROM upload_pipeline.documents WHERE document_id = @id", ("id", documentId)))
            .Should().Be(2);
        var webhookUrl = harness.Providers.WebhookUrls.Should().ContainSingle().Subject!;
        webhookUrl.Should().StartWith($"{WorkerHarness.WebhookUrl}/{jobId}/", "the URL names the job, since LlamaParse's webhook body does not");
        var token = webhookUrl[(webhookUrl.LastIndexOf('/') + 1)..];
        token.Length.Should().BeGreaterThanOrEqualTo(43, "256 random bits");
        job.Payload.Should().Contain(ParserWebhooks.HashHex(token)).And.NotContain(token, "only the token's hash is stored");
        harness.Providers.Authorizations.Should().Equal("Bearer llx-test-key");
        harness.Providers.EmbeddedInputs.Should().Be(expected.Count, "each chunk is paid for once");
        job.Payload.Should().Contain("\"creditsUsed\": 6").And.Contain($"\"chunkCount\": {expected.Count}");
    }

    [Fact]
    public async Task Several_jobs_at_once_all_complete_with_their_own_chunks()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "run_concurrent");
        harness.Providers.Markdown = SampleText.Policy(4);
        await harness.StartAsync();

        var uploads = new List<(Guid DocumentId, Guid JobId, Guid CorrelationId)>();
        for (var i = 0; i < 5; i++) uploads.Add(await harness.UploadAsync($"policy-{i}.pdf"));
        foreach (var upload in uploads) (await harness.WaitForDoneAsync(upload.JobId)).State.Should().Be(JobStates.Done);

        var perDocument = new TextChunker(64, 8).Chunk(Guid.NewGuid(), harness.Providers.Markdown).Count;
        (await harness.Database.ScalarAsync<long>("SELECT count(*) FROM upload_pipeline.document_chunks"))
            .Should().Be(5 * perDocument);
        (await harness.Database.ScalarAsync<long>("SELECT count(DISTINCT claimed_by) FROM upload_pipeline.upload_jobs")).Should().Be(1);
    }
}
