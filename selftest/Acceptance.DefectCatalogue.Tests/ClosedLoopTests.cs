using Acceptance.Support.Configuration;
using Acceptance.Support.Load;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The Phase 4 load profile (Support/Load/ClosedLoop): five documents in the pipeline at a time, the next uploaded only
/// when one is finished; never a flood of uploads answered 202 at once. And the rates a load states (LoadRates).
/// </summary>
public sealed class ClosedLoopTests
{
    [Fact]
    public async Task Never_more_documents_in_the_pipeline_than_lanes_however_fast_uploads_are_answered()
    {
        var pipeline = new FakePipeline();

        var sent = await ClosedLoop.RunAsync(5, TimeSpan.FromSeconds(1), pipeline.UploadAsync, pipeline.FinishAsync);

        pipeline.MostInPipeline.Should().Be(5, "five lanes keep five documents in the pipeline, no more");
        sent.Should().HaveCountGreaterThan(5, "each lane sends its next document once its last is finished")
            .And.OnlyHaveUniqueItems();
        pipeline.InPipeline.Should().Be(0);
    }

    [Fact]
    public async Task A_lane_whose_document_never_finishes_sends_no_more()
    {
        var pipeline = new FakePipeline { Finishes = false };

        var sent = await ClosedLoop.RunAsync(5, TimeSpan.FromSeconds(30), pipeline.UploadAsync, pipeline.FinishAsync);

        sent.Should().HaveCount(5);
        pipeline.MostInPipeline.Should().Be(5);
    }

    [Fact]
    public void An_open_loop_rate_above_the_capacity_measured_is_warned_about_and_the_closed_loop_is_not()
    {
        var open = new LoadOptions { Profile = "open", ArrivalsPerSecond = 1 };

        var flooding = LoadRates.Of(arrivals: 30, TimeSpan.FromSeconds(30), achievedPerMinute: 20, open);
        flooding.OfferedPerMinute.Should().Be(60);
        flooding.Warning.Should().Contain("above the capacity measured (20 documents/min)");
        LoadRates.Of(30, TimeSpan.FromSeconds(30), achievedPerMinute: 58, open).Warning.Should().BeNull();
        LoadRates.Of(30, TimeSpan.FromSeconds(30), achievedPerMinute: 20, new LoadOptions { Profile = "phase4" }).Warning.Should().BeNull();
    }

    /// <summary>Answers an upload at once (as the api-server's 202 does) and finishes a document a moment later.</summary>
    private sealed class FakePipeline
    {
        private int _inPipeline;
        private int _most;

        public bool Finishes { get; init; } = true;
        public int InPipeline => Volatile.Read(ref _inPipeline);
        public int MostInPipeline => Volatile.Read(ref _most);

        public Task<int> UploadAsync(int number)
        {
            var now = Interlocked.Increment(ref _inPipeline);
            int most;
            while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most) { }
            return Task.FromResult(number);
        }

        public async Task<bool> FinishAsync(int document)
        {
            await Task.Yield(); // processed asynchronously, after the upload was answered
            if (!Finishes) return false;
            Interlocked.Decrement(ref _inPipeline);
            return true;
        }
    }
}
