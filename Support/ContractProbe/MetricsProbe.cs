namespace Acceptance.Support.ContractProbe;

/// <summary>
/// The contract's metric series on each /metrics URL the target names: the series of that service (by the
/// contract's service words) and those every service serves, where "either this or X" accepts either.
/// </summary>
public static class MetricsProbe
{
    public static async Task<IReadOnlyList<ProbeFinding>> CheckAsync(ContractDocument contract, IReadOnlyList<(string Service, Uri Url)> endpoints,
        string? missingBecause, HttpClient http, CancellationToken ct)
    {
        var findings = new List<ProbeFinding>();
        if (missingBecause is not null)
        {
            var elsewhere = contract.MetricSeries.Where(s => !endpoints.Any(e => Serves(s, e.Service))).SelectMany(s => s.Criteria);
            findings.Add(ProbeFinding.NotGiven("service /metrics URLs", missingBecause, elsewhere));
        }
        foreach (var (service, url) in endpoints)
        {
            var item = $"series on {service}'s /metrics ({url})";
            string text;
            try
            {
                using var response = await http.GetAsync(url, ct);
                if (!response.IsSuccessStatusCode)
                {
                    findings.Add(new(item, ProbeResult.Missing, $"answered {(int)response.StatusCode}: serve Prometheus text on this URL"));
                    continue;
                }
                text = await response.Content.ReadAsStringAsync(ct);
            }
            catch (Exception e) when (PipelineContractProbe.IsNoAnswer(e, ct))
            {
                findings.Add(new(item, ProbeResult.Missing, $"nothing answers ({e.Message}): correct the URL or start the service"));
                continue;
            }
            var served = SeriesNames(text);
            var missing = contract.MetricSeries
                .Where(s => Serves(s, service) && !Has(s, served, contract.HistogramSuffixes))
                .Where(s => !Alternatives(s).Any(other => served.Contains(other)))
                .ToList();
            var required = missing.Where(s => s.OptionalBecause is null).ToList();
            findings.Add(required.Count == 0
                ? new(item, ProbeResult.Present)
                : new(item, ProbeResult.Missing, $"serve {string.Join(", ", required.Select(s => s.Name))} (criteria {string.Join(", ", required.SelectMany(s => s.Criteria).Distinct())})"));
            findings.AddRange(missing.Where(s => s.OptionalBecause is not null)
                .Select(s => new ProbeFinding($"optional series {s.Name} on {service}", ProbeResult.NotGiven, s.OptionalBecause!)));
        }
        return findings;
    }

    /// <summary>Whether the contract expects the series on this service: named in its service words, or served by every service.</summary>
    private static bool Serves(ContractSeries series, string service) =>
        series.Service.StartsWith("every service", StringComparison.Ordinal)
        || series.Service.Split(',', StringSplitOptions.TrimEntries).Any(s => service.StartsWith(s, StringComparison.Ordinal));

    /// <summary>The other series named in "(either this or X)": serving one of them is enough.</summary>
    private static IEnumerable<string> Alternatives(ContractSeries series) =>
        series.Service.Split(' ', '(', ')', ',').Where(word => word.Contains('_', StringComparison.Ordinal));

    private static bool Has(ContractSeries series, IReadOnlySet<string> served, IReadOnlyList<string> histogramSuffixes) =>
        served.Contains(series.Name) || (series.Type == "histogram" && histogramSuffixes.Any(suffix => served.Contains(series.Name + suffix)));

    /// <summary>Every series name the exposition declares (# TYPE) or has a sample of.</summary>
    private static IReadOnlySet<string> SeriesNames(string exposition) =>
        exposition.Split('\n')
            .Select(line => line.StartsWith("# TYPE ", StringComparison.Ordinal) ? line.Split(' ')[2]
                : line.StartsWith('#') || line.Length == 0 ? null
                : line.Split('{', ' ')[0])
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}
