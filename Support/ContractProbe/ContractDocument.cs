using System.Text.Json.Nodes;
using Acceptance.Support.Environment;

namespace Acceptance.Support.ContractProbe;

/// <summary>
/// The pipeline contract as the probe checks it, read at run time from docs/contract/contract.json and
/// openapi.json of this repository: the probe keeps no list of its own.
/// </summary>
public sealed class ContractDocument(JsonObject contract, JsonObject openApi)
{
    public static ContractDocument Load() => new(
        Read("docs/contract/contract.json"),
        Read("docs/contract/openapi.json"));

    private static JsonObject Read(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(relativePath)))?.AsObject()
        ?? throw new InvalidDataException($"{relativePath} holds no JSON object.");

    /// <summary>Every api-server operation the suite calls.</summary>
    public IReadOnlyList<ContractRoute> Routes =>
        openApi["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(operation => operation.Key is "get" or "post" or "put" or "delete" or "patch")
                .Select(operation =>
                {
                    var body = operation.Value!.AsObject();
                    var bearer = body["security"]?.AsArray().Any(s => s!.AsObject().ContainsKey("bearer")) ?? false;
                    var statuses = body["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                    return new ContractRoute(operation.Key.ToUpperInvariant(), path.Key, bearer, statuses, Strings(body["x-criteria"]));
                }))
            .ToList();

    public string Schema => (string)contract["database"]!["schema"]!;

    public IReadOnlyList<ContractTable> Tables =>
        contract["database"]!["tables"]!.AsObject()
            .Select(t => new ContractTable(t.Key, Strings(t.Value!["columns"]), Strings(t.Value!["criteria"])))
            .ToList();

    /// <summary>The PostgreSQL statistics views the suite reads on the pipeline's server; optional ones carry why they may be absent.</summary>
    public IReadOnlyList<ContractView> ServerViews =>
        contract["database"]!["postgres"]!["views"]!.AsObject()
            .Select(v => new ContractView(v.Key, Strings(v.Value!["columns"]), Strings(v.Value!["criteria"]), (string?)v.Value!["optional"]))
            .ToList();

    public string EventsTable => (string)contract["events"]!["table"]!;

    public IReadOnlyList<ContractEventType> EventTypes =>
        contract["events"]!["types"]!.AsObject().Select(t => new ContractEventType(t.Key, Strings(t.Value!["criteria"]))).ToList();

    public IReadOnlyList<string> LogProperties => contract["logs"]!["properties"]!.AsObject().Select(p => p.Key).ToList();

    public IReadOnlyList<string> LogCriteria => Strings(contract["logs"]!["criteria"]);

    public IReadOnlyList<ContractSeries> MetricSeries =>
        contract["metrics"]!["series"]!.AsObject()
            .Select(s => new ContractSeries(s.Key, (string)s.Value!["type"]!, (string)s.Value!["service"]!, Strings(s.Value!["criteria"]), (string?)s.Value!["optional"]))
            .ToList();

    public IReadOnlyList<string> HistogramSuffixes => Strings(contract["metrics"]!["histogramSuffixes"]);

    public IReadOnlyList<ContractFake> Fakes =>
        contract["fakes"]!.AsObject()
            .Select(f => new ContractFake(f.Key,
                f.Value!["routes"]!.AsArray().Select(r => ((string)r!["method"]!, (string)r["path"]!)).ToList(),
                Strings(f.Value!["criteria"])))
            .ToList();

    private static IReadOnlyList<string> Strings(JsonNode? array) =>
        array?.AsArray().Select(n => (string)n!).ToList() ?? [];
}

public sealed record ContractRoute(string Method, string Path, bool Bearer, IReadOnlySet<int> Statuses, IReadOnlyList<string> Criteria)
{
    public override string ToString() => $"{Method} {Path}";
}

public sealed record ContractTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> Criteria);

public sealed record ContractView(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> Criteria, string? OptionalBecause);

public sealed record ContractEventType(string Name, IReadOnlyList<string> Criteria);

/// <summary>A metric series; <see cref="Service"/> is the contract's words: a service name, a list, or "every service (either this or X)".</summary>
/// <summary>A metric series; <paramref name="OptionalBecause"/>: what a target without it loses (an optional series never blocks a run).</summary>
public sealed record ContractSeries(string Name, string Type, string Service, IReadOnlyList<string> Criteria, string? OptionalBecause = null);

public sealed record ContractFake(string Name, IReadOnlyList<(string Method, string Path)> Routes, IReadOnlyList<string> Criteria);
