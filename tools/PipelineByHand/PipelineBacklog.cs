using Npgsql;

namespace PipelineByHand;

/// <summary>
/// What the pipeline holds right now, from its job queue: how many jobs wait or work in each stage and state, and the
/// documents set aside (dead-lettered) with the stage they stopped in and why.
/// </summary>
public static class PipelineBacklog
{
    /// <summary>Set-aside documents listed one by one, the latest first; the rest are counted.</summary>
    private const int ListedSetAside = 20;

    public static async Task WriteAsync(string connectionString, TextWriter output)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        output.WriteLine("backlog (jobs by stage and state):");
        var rows = 0;
        await using (var counts = await db.CreateCommand("""
            SELECT stage, state, count(*) FROM upload_pipeline.upload_jobs
            GROUP BY stage, state ORDER BY stage, state
            """).ExecuteReaderAsync())
        {
            while (await counts.ReadAsync())
            {
                output.WriteLine($"  {counts.GetString(0),-20} {counts.GetString(1),-11} {counts.GetInt64(2),6}");
                rows++;
            }
        }
        if (rows == 0) output.WriteLine("  no jobs yet");

        await using var setAside = db.CreateCommand("""
            SELECT d.filename, j.document_id, j.stage, coalesce(j.last_error_code, '-'), count(*) OVER ()
            FROM upload_pipeline.upload_jobs j JOIN upload_pipeline.documents d USING (document_id)
            WHERE j.state = 'deadletter' ORDER BY j.updated_at DESC LIMIT $1
            """);
        setAside.Parameters.AddWithValue(ListedSetAside);
        await using var reader = await setAside.ExecuteReaderAsync();
        long total = 0, listed = 0;
        while (await reader.ReadAsync())
        {
            if (listed == 0) output.WriteLine("set aside (dead-lettered; requeue with an operator token):");
            total = reader.GetInt64(4);
            listed++;
            output.WriteLine($"  {reader.GetString(0)} ({reader.GetGuid(1)})  stage {reader.GetString(2)}  error {reader.GetString(3)}");
        }
        if (listed == 0) output.WriteLine("set aside: none");
        else if (total > listed) output.WriteLine($"  … and {total - listed} more");
    }
}
