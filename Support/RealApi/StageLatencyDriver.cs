using Acceptance.Support.Analysis;
using Acceptance.Support.Drivers;
using Acceptance.Support.Environment;
using Npgsql;

namespace Acceptance.Support.RealApi;

/// <summary>
/// How long each provider's stage took for every document of this run that went through the nine
/// stages once, without a retry: parsing (the LlamaParse job) and embedding (the OpenAI calls).
/// Read from the audit trail; never writes.
/// </summary>
public sealed class StageLatencyDriver(IPipelineEnvironment environment) : IAsyncDisposable
{
    /// <summary>The stage in which each paid provider does its work.</summary>
    public static readonly IReadOnlyDictionary<string, string> ProviderStages = new Dictionary<string, string>
    {
        ["llamaparse"] = "parsing",
        ["openai"] = "embedding",
    };

    private readonly NpgsqlDataSource _db = NpgsqlDataSource.Create(environment.DatabaseConnectionString);

    /// <summary>Milliseconds per provider stage, one value per cleanly finished document.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<double>>> ProviderStageMillisecondsAsync()
    {
        await using var command = _db.CreateCommand("""
            SELECT job_id::text, stage, state, created_at, worker_id FROM upload_pipeline.events
            WHERE event_type = 'stage_transition' ORDER BY job_id, event_id
            """);
        var byJob = new Dictionary<string, List<StageTransition>>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var job = reader.GetString(0);
                if (!byJob.TryGetValue(job, out var transitions)) byJob[job] = transitions = [];
                transitions.Add(new StageTransition(reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        var clean = byJob.Values.Select(t => new StageTimeline(t)).Where(t => t.StagesEntered.SequenceEqual(StageTimeline.NineStages)).ToList();
        return ProviderStages.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)clean
            .Select(t => t.Durations.Single(d => d.Stage == p.Value).Duration.TotalMilliseconds).ToList());
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
