using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Core;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace BaseWorker.Tests;

/// <summary>Text from real documents carries characters PostgreSQL refuses; the worker stores it cleaned and finishes.</summary>
public sealed class DataErrorTests(PostgresServer server)
{
    [Fact]
    public async Task Parsed_text_with_nul_control_characters_and_a_broken_surrogate_is_cleaned_and_embedded()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "data_nul");
        harness.Providers.Markdown = "Claim reference NMI-CL-2025-0193\n\nwe ac\0knowledge\u0001 receipt\u001B of your claim \uD800for water damage.\n"
                                     + SampleText.Policy(2);
        await harness.StartAsync();

        var (documentId, jobId, _) = await harness.UploadAsync();
        var job = await harness.WaitForStateAsync(jobId, JobStates.Done);

        job.RetryCount.Should().Be(0, "a data problem is no outage: nothing to retry");
        var stored = await harness.Database.ScalarAsync<string>(
            "SELECT string_agg(content, ' ' ORDER BY chunk_ordinal) FROM upload_pipeline.document_chunks WHERE document_id = @id", ("id", documentId));
        stored.Should().Contain("we acknowledge receipt of your claim \uFFFDfor water damage");
        stored.Should().NotContainAny("\u0001", "\u001B");
    }
}
