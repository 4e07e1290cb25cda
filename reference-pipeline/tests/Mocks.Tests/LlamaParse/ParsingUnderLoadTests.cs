using MockLlamaParse;
using Mocks.Common.Latency;
using Mocks.Tests.Support;

namespace Mocks.Tests.LlamaParse;

/// <summary>The mock parser behaves like a service under load: a bounded number of parses, the rest queued.</summary>
public sealed class ParsingUnderLoadTests
{
    [Fact]
    public async Task Beyond_its_parse_slots_jobs_wait_in_the_queue_and_stay_pending()
    {
        await using var mock = await RunningMock.StartAsync(MockLlamaParseApp.Build,
            "--MockLlamaParse:LatencyMs=1500", "--MockLlamaParse:MaxConcurrentParses=1");
        var client = new LlamaParseMockClient(mock);

        var first = await client.UploadJobAsync(TestPdf.WithPages("A page of the claims handbook."), "first.pdf");
        var second = await client.UploadJobAsync(TestPdf.WithPages("A page of the claims handbook."), "second.pdf");

        await client.FinishedAsync(first);
        var secondStatus = await client.StatusAsync(second);
        secondStatus.GetProperty("status").GetString().Should().Be("PENDING",
            "with one parse slot the second job waits until the first has used its 1.5 s of parsing time");
        (await client.FinishedAsync(second)).GetProperty("status").GetString().Should().Be("SUCCESS");
    }

    [Fact]
    public void A_seeded_latency_profile_repeats_its_draws_and_grows_with_the_work()
    {
        var draws = new LatencyProfile(200, 0.4, 10, seed: 7);
        var again = new LatencyProfile(200, 0.4, 10, seed: 7);
        var first = Enumerable.Range(0, 50).Select(_ => draws.Next()).ToList();

        first.Should().Equal(Enumerable.Range(0, 50).Select(_ => again.Next()), "the same seed gives the same run");
        first.Distinct().Should().HaveCountGreaterThan(40, "a spread makes a distribution, not a constant");
        var median = first.Order().ElementAt(25).TotalMilliseconds;
        median.Should().BeInRange(120, 330, "the draws centre on the configured median");
        new LatencyProfile(200, 0, 10, seed: 1).Next(units: 100).Should().Be(TimeSpan.FromMilliseconds(1200));
    }
}
