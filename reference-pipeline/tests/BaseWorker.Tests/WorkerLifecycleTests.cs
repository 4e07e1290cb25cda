using BaseWorker.Tests.Support;
using FluentAssertions;
using Pipeline.Core;
using Pipeline.Core.Events;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace BaseWorker.Tests;

/// <summary>Stopping gracefully and riding out a database outage.</summary>
public sealed class WorkerLifecycleTests(PostgresServer server)
{
    [Fact]
    public async Task On_stop_a_stage_past_the_deadline_is_cancelled_and_its_job_released_for_another_worker()
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "life_shutdown",
            new Dictionary<string, string?> { ["Worker:ShutdownDeadlineSeconds"] = "1" });
        harness.Providers.UploadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await harness.StartAsync();
        var (_, jobId, _) = await harness.UploadAsync();
        await harness.Providers.UploadStarted.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        await harness.Host.StopAsync(TestContext.Current.CancellationToken);

        var job = await harness.Database.JobAsync(jobId);
        job.State.Should().Be(JobStates.Queued, "the unfinished job is handed back, not left leased");
        job.Stage.Should().Be(Stages.Parsing);
        job.RetryCount.Should().Be(0, "a graceful stop is not a failure");
        job.ClaimedBy.Should().BeNull();
        (await harness.Database.EventsAsync(jobId)).Should().Contain(e => e.EventType == EventTypes.Released);
    }

    [Theory]
    [InlineData("OpenAI:ApiKey", "", "OpenAI__ApiKey is required.")]
    [InlineData("Chunking:MaxTokens", "9000", "Chunking__MaxTokens must be 16..8191.")]
    [InlineData("Worker:Concurrency", "0", "Worker__Concurrency must be at least 1.")]
    [InlineData("OpenAI:Model", "text-embedding-3-smal", "The price table has no price for OpenAI__Model or Budget__ParseMode; choose a priced one or give a newer table in Budget__PriceTablePath.")]
    [InlineData("Budget:ParseMode", "premium-plus", "The price table has no price for OpenAI__Model or Budget__ParseMode; choose a priced one or give a newer table in Budget__PriceTablePath.")]
    public async Task A_misconfigured_worker_refuses_to_start_and_names_the_variable(string key, string value, string message)
    {
        await using var harness = await WorkerHarness.CreateAsync(server, "life_config", new Dictionary<string, string?> { [key] = value });

        var start = () => harness.StartAsync();

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Failures.Should().Contain(message);
    }

    [Fact]
    public async Task The_worker_rides_out_a_database_outage_and_resumes_by_itself()
    {
        // Its own cluster: stopping it must not disturb the other tests.
        var cluster = new PostgresServer();
        await cluster.InitializeAsync();
        try
        {
            await using var harness = await WorkerHarness.CreateAsync(cluster, "life_outage");
            harness.Providers.Markdown = SampleText.Policy(3);
            await harness.StartAsync();
            await Eventually.UntilAsync("the worker logging Worker ready", () => Task.FromResult(harness.Logs.Contains("Worker ready")),
                ready => ready, TimeSpan.FromSeconds(20));

            await cluster.StopAsync();
            await Eventually.UntilAsync("the worker noticing the outage", () => Task.FromResult(harness.Logs.Contains("could not claim a job")),
                noticed => noticed, TimeSpan.FromSeconds(20));
            await cluster.StartAsync();
            harness.Database.DataSource.Clear(); // the test's own pooled connections died with the server

            var (_, jobId, _) = await harness.UploadAsync();
            (await harness.WaitForDoneAsync(jobId)).State.Should().Be(JobStates.Done);
            harness.Logs.Contains("Database reachable again").Should().BeTrue();
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
