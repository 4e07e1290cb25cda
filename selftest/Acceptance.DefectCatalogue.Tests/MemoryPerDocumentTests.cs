using Acceptance.Support.Resources;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The soak's leak detector (Support/Resources/MemoryPerDocument): the slope of memory floors against
/// documents embedded, the detection limit the floors' noise allows, and the verdict from both.
/// </summary>
public sealed class MemoryPerDocumentTests
{
    private const double WindowSeconds = 10;

    [Fact]
    public void The_fit_gives_the_least_squares_slope_and_its_standard_error_from_the_residuals()
    {
        // y = 0.2 + 0.2 x, residuals -0.2, 0.6, -0.6, 0.2: s = √(0.8 / 2), standard error = s / √5.
        var fit = LineFit.Through([(0, 0), (1, 1), (2, 0), (3, 1)])!.Value;

        fit.Slope.Should().BeApproximately(0.2, 1e-9);
        fit.Intercept.Should().BeApproximately(0.2, 1e-9);
        fit.ResidualMiB.Should().BeApproximately(Math.Sqrt(0.4), 1e-9);
        fit.SlopeStandardError.Should().BeApproximately(Math.Sqrt(0.4) / Math.Sqrt(5), 1e-9);
    }

    [Fact]
    public void A_fit_needs_documents_that_vary_and_a_residual_to_measure()
    {
        LineFit.Through([(4, 100), (4, 101), (4, 99)]).Should().BeNull("with one document count there is no slope");
        LineFit.Through([(1, 100), (2, 101)]).Should().BeNull("two points leave no residual freedom");
    }

    [Fact]
    public void Each_window_contributes_its_lowest_memory_with_the_documents_embedded_then()
    {
        MemoryAtCount[] points = [new(10, 150, 0), new(12, 140, 2), new(19.5, 160, 9), new(20, 170, 10), new(25, 145, 15), new(31, 139, 21)];

        MemoryPerDocument.Floors(points, WindowSeconds).Should().Equal(new MemoryAtCount(12, 140, 2), new MemoryAtCount(25, 145, 15), new MemoryAtCount(31, 139, 21));
    }

    [Fact]
    public void A_cache_of_twenty_KiB_per_document_is_a_leak_and_its_slope_is_measured()
    {
        var judgement = Judge(Soak(keptKiBPerDocument: 20, noiseMiB: 1));

        judgement.Verdict.Should().Be(LeakVerdict.Leak, judgement.ToString());
        judgement.SlopeKiBPerDocument.Should().BeApproximately(20, 4);
        judgement.DetectionLimitKiBPerDocument.Should().BeInRange(0.1, 10, "three standard errors of 1 MiB noise over 300 documents");
        judgement.DocumentsProcessed.Should().Be(299);
    }

    [Fact]
    public void A_healthy_service_whose_floors_only_scatter_does_not_leak()
    {
        var judgement = Judge(Soak(keptKiBPerDocument: 0, noiseMiB: 1));

        judgement.Verdict.Should().Be(LeakVerdict.NoLeak, judgement.ToString());
        Math.Abs(judgement.SlopeKiBPerDocument).Should().BeLessThan(judgement.DetectionLimitKiBPerDocument);
    }

    [Fact]
    public void The_detection_limit_grows_with_the_noise_and_a_leak_below_it_is_not_judged()
    {
        var quiet = Judge(Soak(keptKiBPerDocument: 0, noiseMiB: 1));
        var noisy = Judge(Soak(keptKiBPerDocument: 0, noiseMiB: 4));
        noisy.DetectionLimitKiBPerDocument.Should().BeApproximately(4 * quiet.DetectionLimitKiBPerDocument, quiet.DetectionLimitKiBPerDocument * 0.5,
            "the limit is proportional to the floors' scatter");

        var hidden = Judge(Soak(keptKiBPerDocument: noisy.DetectionLimitKiBPerDocument / 4, noiseMiB: 4));
        hidden.Verdict.Should().Be(LeakVerdict.NoLeak, $"a leak a quarter of the detection limit is noise in this run: {hidden}");
    }

    [Fact]
    public void A_measurable_growth_below_the_configured_floor_is_accepted()
    {
        var points = Soak(keptKiBPerDocument: 20, noiseMiB: 1);

        MemoryPerDocument.Judge("base-worker-1", MemorySignal.Resident, points, WindowSeconds, floorKiBPerDocument: 50).Verdict.Should().Be(LeakVerdict.NoLeak);
        MemoryPerDocument.Judge("base-worker-1", MemorySignal.Resident, points, WindowSeconds, floorKiBPerDocument: 5).Verdict.Should().Be(LeakVerdict.Leak);
    }

    [Fact]
    public void The_gates_twenty_seconds_are_too_few_windows_to_judge_even_a_fast_leak()
    {
        var judgement = Judge(Soak(keptKiBPerDocument: 12 * 1024, noiseMiB: 1, seconds: 20));

        judgement.Verdict.Should().Be(LeakVerdict.Inconclusive);
        judgement.Leaks.Should().BeFalse();
        judgement.InconclusiveBecause.Should().Contain("--soak");
    }

    [Fact]
    public void Eight_windows_are_the_fewest_a_trend_is_judged_on()
    {
        Judge(Soak(keptKiBPerDocument: 1024, noiseMiB: 1, seconds: 70)).Verdict.Should().Be(LeakVerdict.Inconclusive, "7 windows of 10 s");
        Judge(Soak(keptKiBPerDocument: 1024, noiseMiB: 1, seconds: 80)).Verdict.Should().Be(LeakVerdict.Leak, "8 windows of 10 s");
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_reason()
    {
        var points = Soak(keptKiBPerDocument: 0, noiseMiB: 1);

        FluentActions.Invoking(() => MemoryPerDocument.Judge("api-server", MemorySignal.Resident, points, 0, 2)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*window*");
        FluentActions.Invoking(() => MemoryPerDocument.Judge("api-server", MemorySignal.Resident, points, WindowSeconds, -1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*floor*");
    }

    [Fact]
    public void Floors_that_stay_put_between_rare_full_collections_are_not_judged_flat()
    {
        // A live heap read after full collections: two collections in the run, so the floors take two values.
        var points = Enumerable.Range(0, 600).Select(t => new MemoryAtCount(t * 0.5, t < 300 ? 40 : 41, t / 2)).ToList();

        var judgement = Judge(points);

        judgement.Verdict.Should().Be(LeakVerdict.Inconclusive, "a line through two values has no noise to set a limit by");
        judgement.InconclusiveBecause.Should().Contain("collections");
    }

    private static LeakJudgement Judge(IReadOnlyList<MemoryAtCount> points) =>
        MemoryPerDocument.Judge("base-worker-1", MemorySignal.Resident, points, WindowSeconds, floorKiBPerDocument: 2);

    /// <summary>
    /// A worker sampled every 0.5 s while a document is embedded each second: garbage piles up for 3 s and a
    /// collection drops it, the floor after each collection scatters by up to <paramref name="noiseMiB"/>
    /// (seeded), and <paramref name="keptKiBPerDocument"/> stays for good with every document.
    /// </summary>
    private static IReadOnlyList<MemoryAtCount> Soak(double keptKiBPerDocument, double noiseMiB, int seconds = 300)
    {
        var random = new Random(7);
        var floor = 0.0;
        var points = new List<MemoryAtCount>();
        for (var tick = 0; tick < seconds * 2; tick++)
        {
            var at = tick * 0.5;
            if (tick % 6 == 0) floor = (random.NextDouble() * 2 - 1) * noiseMiB;
            var documents = (int)at;
            var garbage = tick % 6 * 3.0;
            points.Add(new MemoryAtCount(at, 150 + floor + garbage + documents * keptKiBPerDocument / 1024, documents));
        }
        return points;
    }
}
