using System.Globalization;
using Acceptance.Support.Configuration;

namespace Acceptance.Support.Control;

/// <summary>
/// Which compose service plays which part of the pipeline (Acceptance:Compose:Services), so the compose target runs any
/// team's compose file: the suite names every part as on the other targets (api-server, base-worker-&lt;container id&gt;,
/// postgres, mock-llamaparse, mock-openai) and this map turns those names into the file's services and back.
/// Parser and Embeddings are null when the file runs no provider fakes.
/// </summary>
public sealed record ComposeServiceMap(
    ComposeRole Api, IReadOnlyList<ComposeRole> Workers, ComposeRole Database, ComposeRole? Parser, ComposeRole? Embeddings)
{
    private const string Setting = "Acceptance:Compose:Services";

    /// <summary>docker-compose.yml's own services; its workers serve /metrics on 9464 (Metrics__Url there).</summary>
    public static readonly ComposeServiceMap Repository = new(
        new(ServiceNames.Api, null), [new(ServiceNames.Worker, 9464)], new(ServiceNames.Database, null),
        new(ServiceNames.Parser, null), new(ServiceNames.Embeddings, null));

    /// <summary>The map the settings give; <see cref="Problems"/> must have found none.</summary>
    public static ComposeServiceMap From(ComposeOptions options)
    {
        var given = options.Services;
        // Blanks take the repository's services, unless the files are the team's own: then a blank is a part they do not run.
        var own = options.Files.Count > 0;
        ComposeRole? Role(string text, ComposeRole? repository) => text.Length > 0 ? ComposeRole.Parse(text) : own ? null : repository;
        return new(
            Role(given.Api, Repository.Api)!,
            given.Workers.Count > 0 ? given.Workers.Select(ComposeRole.Parse).ToList() : Repository.Workers,
            Role(given.Database, Repository.Database)!,
            Role(given.Parser, Repository.Parser),
            Role(given.Embeddings, Repository.Embeddings));
    }

    /// <summary>What is wrong with the settings' map on its own (the services' presence in the files is checked at start, <see cref="Absent"/>).</summary>
    public static IEnumerable<string> Problems(ComposeOptions options)
    {
        var given = options.Services;
        var roles = new[] { ("Api", given.Api), ("Database", given.Database), ("Parser", given.Parser), ("Embeddings", given.Embeddings) }
            .Concat(given.Workers.Select((w, i) => ($"Workers:{i}", w)));
        foreach (var (role, text) in roles)
            if (text.Length > 0 && !ComposeRole.TryParse(text, out _))
                yield return $"{Setting}:{role} is '{text}'; give a compose service as 'service' or 'service:port' (the port inside its container).";
        if (options.Files.Count > 0)
            foreach (var (role, missing) in new[] { ("Api", given.Api.Length == 0), ("Workers", given.Workers.Count == 0), ("Database", given.Database.Length == 0) })
                if (missing)
                    yield return $"{Setting}:{role} is required with your own compose files: name the service of Acceptance:Compose:Files that is {Part(role)}.";
        if ((given.Parser.Length == 0) != (given.Embeddings.Length == 0))
            yield return $"{Setting}:Parser and {Setting}:Embeddings come together: name both provider fakes or neither.";
    }

    /// <summary>Every service the map names that the compose files do not define, as one message per service.</summary>
    public IEnumerable<string> Absent(IReadOnlySet<string> defined, IEnumerable<string> files) =>
        Roles.Where(r => !defined.Contains(r.Role.Service)).Select(r =>
            $"{Setting}:{r.Setting} names '{r.Role.Service}', which is no service of {string.Join(" + ", files.Select(Path.GetFileName))} " +
            $"(its services: {string.Join(", ", defined.Order(StringComparer.Ordinal))}).");

    /// <summary>The compose services the workers run as.</summary>
    public IReadOnlyList<string> WorkerServices => Workers.Select(w => w.Service).ToList();

    public bool IsWorker(string service) => Workers.Any(w => w.Service == service);

    /// <summary>The name the suite knows a container by: its part's, a worker's with its container id, or else its compose service.</summary>
    public string SuiteName(string service, string containerId)
    {
        if (IsWorker(service)) return $"{ServiceNames.Worker}-{containerId}";
        return Roles.FirstOrDefault(r => r.Role.Service == service && r.SuiteName is not null).SuiteName ?? service;
    }

    /// <summary>The services the suite reaches from this machine on a published port, with the suite's name for each and its setting.</summary>
    public IEnumerable<(string SuiteName, ComposeRole Role, string Setting)> Published =>
        Roles.Where(r => r.SuiteName is not null).Select(r => (r.SuiteName!, r.Role, $"{Setting}:{r.Setting}"));

    private IEnumerable<(string Setting, ComposeRole Role, string? SuiteName)> Roles =>
        new (string, ComposeRole?, string?)[]
            {
                ("Api", Api, ServiceNames.Api), ("Database", Database, ServiceNames.Database),
                ("Parser", Parser, ServiceNames.Parser), ("Embeddings", Embeddings, ServiceNames.Embeddings),
            }
            .Concat(Workers.Select((w, i) => ($"Workers:{i}", (ComposeRole?)w, (string?)null)))
            .Where(r => r.Item2 is not null)
            .Select(r => (r.Item1, r.Item2!, r.Item3));

    private static string Part(string role) => role switch
    {
        "Api" => "the api-server",
        "Workers" => "a worker (a list: every worker service)",
        _ => "the PostgreSQL database",
    };
}

/// <summary>One part's compose service, and the port inside its container the suite uses (null: the one it publishes).</summary>
public sealed record ComposeRole(string Service, int? Port)
{
    public static ComposeRole Parse(string text) =>
        TryParse(text, out var role) ? role : throw new FormatException($"'{text}' is not 'service' or 'service:port'.");

    public static bool TryParse(string text, out ComposeRole role)
    {
        role = null!;
        var parts = text.Trim().Split(':');
        if (parts.Length > 2 || !IsServiceName(parts[0])) return false;
        int? port = null;
        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535) return false;
            port = number;
        }
        role = new ComposeRole(parts[0], port);
        return true;
    }

    // What compose accepts as a service name.
    private static bool IsServiceName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public override string ToString() => Port is { } port ? $"{Service}:{port}" : Service;
}
