using Acceptance.Support.Drivers;
using Acceptance.Support.Resources;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// Reading a service's resources from its /metrics: against the api-server's real answer, recorded
/// from the compose target (Recorded/api-server.metrics.txt, prometheus-net 8.2.1 on Linux), and
/// against texts that lack what a reading needs, which must fail rather than read as zero.
/// </summary>
public sealed class ProcessMetricsTextTests
{
    private static string Recorded => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", "api-server.metrics.txt"));

    [Fact]
    public void The_recorded_api_server_scrape_reads_as_its_process_series_say()
    {
        var reading = ProcessMetricsText.Parse(Recorded);

        reading.ResidentMiB.Should().BeApproximately(142569472 / 1048576.0, 1e-9, "process_working_set_bytes is the resident set");
        reading.Threads.Should().Be(19);
        reading.OpenFiles.Should().Be(336, "process_open_handles counts the process's file descriptors on Linux");
        reading.CpuSeconds.Should().BeApproximately(2.416911, 1e-9);
    }

    public static TheoryData<string, string> Lacking => new()
    {
        { "process_working_set_bytes", "resident" },
        { "process_num_threads", "threads" },
        { "process_open_handles", "open files" },
        { "process_cpu_seconds_total", "cpu" },
    };

    [Theory]
    [MemberData(nameof(Lacking))]
    public void A_scrape_without_a_process_series_is_refused_naming_it(string series, string what)
    {
        var without = string.Join('\n', Recorded.Split('\n').Where(line => !line.StartsWith(series + " ", StringComparison.Ordinal)));

        var read = () => ProcessMetricsText.Parse(without);

        read.Should().Throw<FormatException>($"a reading without {what} would judge nothing").WithMessage($"*{series}*");
    }

    [Fact]
    public void Prometheus_standard_process_names_read_like_prometheus_nets()
    {
        const string goService = """
            # HELP process_resident_memory_bytes Resident memory size in bytes.
            # TYPE process_resident_memory_bytes gauge
            process_resident_memory_bytes 2.62144e+07
            process_open_fds 12
            process_num_threads 7 1700000000000
            process_cpu_seconds_total 0.5
            """;

        ProcessMetricsText.Parse(goService).Should().Be(new ProcessReading(25, 7, 12, 0.5));
    }

    [Fact]
    public void The_optional_live_heap_is_read_when_exported_and_absent_before_the_first_full_collection()
    {
        const string process = "process_resident_memory_bytes 2.62144e+07\nprocess_open_fds 12\nprocess_num_threads 7\nprocess_cpu_seconds_total 0.5\n";

        ProcessMetricsText.Parse(process + "pipeline_gc_live_heap_after_full_collection_bytes 4.194304e+07\n").LiveHeapMiB.Should().Be(40);
        ProcessMetricsText.Parse(process + "pipeline_gc_live_heap_after_full_collection_bytes 0\n").LiveHeapMiB.Should().BeNull("0 means no full collection yet");
        ProcessMetricsText.Parse(process).LiveHeapMiB.Should().BeNull("the series is optional");
    }

    [Fact]
    public void Labelled_series_of_the_same_name_do_not_stand_in_for_the_process_series()
    {
        const string labelledOnly = """
            process_working_set_bytes{pod="other"} 1048576
            process_num_threads 3
            process_open_handles 4
            process_cpu_seconds_total 1
            """;

        var read = () => ProcessMetricsText.Parse(labelledOnly);

        read.Should().Throw<FormatException>().WithMessage("*process_working_set_bytes*");
    }
}

/// <summary>Reading a labelled counter (the operators' upload count) from the recorded api-server scrape.</summary>
public sealed class MetricsExpositionTests
{
    private static string Recorded => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", "api-server.metrics.txt"));

    [Fact]
    public void A_labelled_series_reads_as_exported() =>
        MetricsExposition.Value("pipeline_uploads_total{outcome=\"accepted\"} 7\npipeline_uploads_total{outcome=\"deduplicated\"} 2\n",
            "pipeline_uploads_total", "outcome", "accepted").Should().Be(7);

    [Fact]
    public void Another_label_value_is_not_the_series_asked_for() =>
        MetricsExposition.Value("pipeline_uploads_total{outcome=\"deduplicated\"} 2\n", "pipeline_uploads_total", "outcome", "accepted")
            .Should().Be(0);

    [Fact]
    public void A_series_with_a_longer_name_is_not_the_series_asked_for() =>
        MetricsExposition.Value("pipeline_uploads_total_extra{outcome=\"accepted\"} 5\n", "pipeline_uploads_total", "outcome", "accepted")
            .Should().Be(0);

    [Fact]
    public void A_series_among_several_labels_reads_from_the_recorded_scrape() =>
        MetricsExposition.Value(Recorded, "pipeline_http_request_duration_seconds_count", "endpoint", "/health/ready").Should().Be(4);

    [Fact]
    public void A_series_never_touched_reads_as_nothing_counted() =>
        MetricsExposition.Value(Recorded, "pipeline_uploads_total", "outcome", "accepted").Should().Be(0);
}
