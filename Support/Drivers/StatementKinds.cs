namespace Acceptance.Support.Drivers;

/// <summary>
/// Sorts the pipeline's statements (as pg_stat_statements normalises them) into the operations the
/// database criterion names. Recognised by what the contract prescribes (claims use SKIP LOCKED)
/// and by the tables written, so another pipeline's SQL is sorted too.
/// </summary>
public static class StatementKinds
{
    public const string Claim = "claim";
    public const string StageCommit = "stage commit";
    public const string ChunkWrite = "chunk write";
    public const string VectorWrite = "vector write";

    public static string? Of(string query)
    {
        var q = string.Join(" ", query.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (q.Contains("skip locked")) return Claim;
        if (q.Contains("update upload_pipeline.upload_jobs") && q.Contains("set stage")) return StageCommit;
        if (q.Contains("insert into upload_pipeline.document_chunk_buffer")) return ChunkWrite;
        if (q.Contains("insert into upload_pipeline.document_vector_buffer") || q.Contains("insert into upload_pipeline.document_chunks")) return VectorWrite;
        return null;
    }

    /// <summary>Per kind: calls, mean, estimated p95 and maximum (ms) over all its statements.</summary>
    public static IReadOnlyDictionary<string, StatementTiming> Summarise(IEnumerable<StatementTiming> statements) =>
        statements.Select(s => (Kind: Of(s.Query), Statement: s)).Where(s => s.Kind is not null)
            .GroupBy(s => s.Kind!)
            .ToDictionary(g => g.Key, g =>
            {
                var calls = g.Sum(s => s.Statement.Calls);
                var mean = g.Sum(s => s.Statement.MeanMs * s.Statement.Calls) / calls;
                // Pooled σ of the statements of one kind (within-statement spread plus the spread of their means).
                var variance = g.Sum(s => s.Statement.Calls * (s.Statement.StddevMs * s.Statement.StddevMs + Math.Pow(s.Statement.MeanMs - mean, 2))) / calls;
                return new StatementTiming(g.Key, calls, Math.Round(mean, 3), Math.Round(Math.Sqrt(variance), 3), Math.Round(g.Max(s => s.Statement.MaxMs), 3));
            });
}
