using Acceptance.Support.Environment;
using Acceptance.Support.RealApi;
using Reqnroll;
using ScottPlot;

namespace Acceptance.Support.Charts;

/// <summary>
/// The latency distributions of a real-versus-mock comparison as one PNG: for each provider, the
/// measured stage times as a cumulative curve (step line, one step per document) and the mock's
/// configured profile as its log-normal curve (dashed), so a glance shows whether the mock is faster,
/// slower or as spread as what was measured.
/// </summary>
public sealed class LatencyProfileCharts(IReqnrollOutputHelper output, RunFolder runFolder)
{
    public const string FileName = "latency-profile.png";

    public void Attach(LatencyComparison comparison)
    {
        var folder = Path.Combine(runFolder.Evidence, "charts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        if (TryDraw(comparison, path, out var problem)) output.AddAttachment(path);
        else output.WriteLine($"Chart {FileName} not drawn: {problem}");
    }

    /// <summary>Draws the chart to <paramref name="path"/>; false (with why) on a machine without Skia's native library.</summary>
    public static bool TryDraw(LatencyComparison comparison, string path, out string? problem)
    {
        var plot = new Plot();
        foreach (var provider in comparison.Providers)
        {
            var sorted = provider.Samples.Order().ToArray();
            if (sorted.Length > 0)
            {
                var measured = plot.Add.Scatter(sorted, sorted.Select((_, i) => (i + 1.0) / sorted.Length).ToArray());
                measured.ConnectStyle = ConnectStyle.StepHorizontal;
                measured.LegendText = $"{provider.Provider} {provider.Stage}, measured on {comparison.MeasuredOn} (n={sorted.Length})";
            }
            var curve = provider.MockProfile.Curve();
            var profile = plot.Add.Scatter(curve.Select(p => p.Ms).ToArray(), curve.Select(p => p.Fraction).ToArray());
            profile.LinePattern = LinePattern.Dashed;
            profile.MarkerSize = 0;
            profile.LegendText = $"{provider.Provider} mock profile (median {provider.MockProfile.MedianMs} ms, sigma {provider.MockProfile.Spread})";
        }
        plot.Title(comparison.RealServices == LatencyComparison.RealServicesMeasured
            ? "Real services' stage latencies against the mocks' profile"
            : "Stage latencies on the mocks and the mocks' profile (real services: not verified)");
        plot.XLabel("milliseconds");
        plot.YLabel("fraction of calls at or below");
        plot.ShowLegend(Alignment.LowerRight);
        try
        {
            plot.SavePng(path, 1000, 480);
            problem = null;
            return true;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException)
        {
            problem = e.GetBaseException().Message;
            return false;
        }
    }
}
