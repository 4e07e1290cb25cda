using System.Diagnostics;
using Acceptance.Support.Environment;
using Acceptance.Support.Resources;

namespace Acceptance.Support.ContractProbe;

/// <summary>
/// Checks a running target against docs/contract/ in seconds, changing nothing on it: routes and their
/// auth, schema, event types, log access, metric names and provider fakes. Missing or wrong items block the
/// run; capabilities a target may lack (logs, metrics URLs, fakes) are reported as not given.
/// </summary>
public static class PipelineContractProbe
{
    /// <summary>Generous: a starved machine answers slowly, and a call that times out is reported, not waited on again.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A call that found nobody or timed out (HttpClient's timeout is a cancellation the caller did not ask for).</summary>
    internal static bool IsNoAnswer(Exception e, CancellationToken ct) =>
        e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    public static async Task<ProbeReport> RunAsync(IPipelineEnvironment environment, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var contract = ContractDocument.Load();
        using var http = new HttpClient { Timeout = CallTimeout };
        var (endpoints, missingBecause) = await MetricsEndpointsAsync(environment, ct);

        var routes = RouteProbe.CheckAsync(contract, environment.ApiBaseUrl, environment.Tokens, http, ct);
        var schema = SchemaProbe.CheckAsync(contract, environment.DatabaseConnectionString, ct);
        var metrics = MetricsProbe.CheckAsync(contract, endpoints, missingBecause, http, ct);
        var fakes = FakesProbe.CheckAsync(contract, environment.Mocks, http, ct);
        var findings = (await routes)
            .Concat(await schema)
            .Append(LogAccessProbe.Check(contract, environment.LogFiles))
            .Concat(await metrics)
            .Concat(await fakes)
            .ToList();
        return new ProbeReport(environment.Target, findings, clock.Elapsed);
    }

    /// <summary>
    /// Each service's /metrics as the target names them; the api-server's own /metrics (a contract route) stands in
    /// when the target names none for it.
    /// </summary>
    private static async Task<(IReadOnlyList<(string, Uri)> Endpoints, string? MissingBecause)> MetricsEndpointsAsync(IPipelineEnvironment environment, CancellationToken ct)
    {
        var apiMetrics = ("api-server", new Uri(environment.ApiBaseUrl, "metrics"));
        switch (environment)
        {
            case LocalPipelineEnvironment local:
                return (local.MetricsTargets.Select(t => (t.Job, t.Url)).ToList(), null);
            case IHasServiceMetrics { ServiceMetrics: var named }:
                var resolved = named.MissingBecause is null ? await named.ResolveAsync(ct) : new Dictionary<string, Uri>();
                var list = resolved.Select(e => (e.Key, e.Value)).ToList();
                if (!resolved.Keys.Any(k => k.StartsWith("api-server", StringComparison.Ordinal)))
                    list.Insert(0, apiMetrics);
                return (list, named.MissingBecause);
            default:
                return ([apiMetrics], $"the {environment.Target} target names no service /metrics URLs");
        }
    }
}

/// <summary>What the probe found, and how long it took.</summary>
public sealed record ProbeReport(string Target, IReadOnlyList<ProbeFinding> Findings, TimeSpan Elapsed)
{
    public IReadOnlyList<ProbeFinding> Blocking => Findings.Where(f => f.Blocks).ToList();
    public bool Passes => Blocking.Count == 0;
}
