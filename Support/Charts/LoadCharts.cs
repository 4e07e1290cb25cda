using Acceptance.Support.Environment;
using Acceptance.Support.Load;
using Acceptance.Support.Resources;
using Reqnroll;
using ScottPlot;

namespace Acceptance.Support.Charts;

/// <summary>
/// PNG charts of a load run, attached to the scenario so they appear in the living documentation:
/// end-to-end percentiles per window, backlog over time, resident memory per service over time.
/// </summary>
public sealed class LoadCharts(IReqnrollOutputHelper output, RunFolder runFolder)
{
    private const int Width = 900;
    private const int Height = 420;

    public void AttachLatencyAndBacklog(LatencyWindows windows, LoadResult result)
    {
        var latency = new Plot();
        var starts = windows.Windows.Select(w => w.FromSeconds).ToArray();
        AddLine(latency, starts, windows.Windows.Select(w => w.EndToEnd.P50).ToArray(), "p50");
        AddLine(latency, starts, windows.Windows.Select(w => w.EndToEnd.P95).ToArray(), "p95");
        AddLine(latency, starts, windows.Windows.Select(w => w.EndToEnd.P99).ToArray(), "p99");
        Label(latency, "End to end per window of arrivals", "arrival window starts at (s)", "seconds");
        Save(latency, "load-latency-percentiles");

        var backlog = new Plot();
        var samples = result.Samples;
        AddLine(backlog, samples.Select(s => s.At.TotalSeconds).ToArray(), samples.Select(s => (double)s.BacklogTotal).ToArray(), "unfinished documents");
        backlog.Add.VerticalLine(result.ArrivalsEnded.TotalSeconds, pattern: LinePattern.Dashed);
        Label(backlog, "Backlog over time (dashed: arrivals stop)", "seconds since the load began", "documents");
        Save(backlog, "load-backlog");
    }

    public void AttachMemory(ResourceProfile profile)
    {
        var memory = new Plot();
        foreach (var (service, resources) in profile.Services)
            AddLine(memory, resources.Series.Select(p => p.Seconds).ToArray(), resources.Series.Select(p => p.ResidentMiB).ToArray(), service);
        Label(memory, "Resident memory per service", "seconds since the load began", "MiB");
        Save(memory, "service-memory");
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys, string label)
    {
        if (xs.Length == 0) return;
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
    }

    private static void Label(Plot plot, string title, string x, string y)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private void Save(Plot plot, string name)
    {
        var folder = Path.Combine(runFolder.Evidence, "charts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        try
        {
            plot.SavePng(path, Width, Height);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException)
        {
            // A machine without Skia's native library still gets the figures as JSON evidence.
            output.WriteLine($"Chart {name} not drawn: {e.GetBaseException().Message}");
            return;
        }
        output.AddAttachment(path);
    }
}
