using Acceptance.Support.Environment;
using Npgsql;

namespace Acceptance.Support.Control;

/// <summary>
/// Housekeeping between disruptive scenarios on an environment the suite owns. A disruptive scenario
/// may end with documents still in flight or set aside for a passing cause, and the pipeline rightly
/// brings those back once their dependency is healthy: in the next scenario they would send requests
/// into that scenario's faults and request logs. So when a disruptive scenario ends, every document of
/// it that is not finished is set aside for good, under a code the pipeline never revives.
/// </summary>
public static class LeftoverWork
{
    public const string Code = "scenario-ended";

    public static async Task SetAsideAsync(IPipelineEnvironment environment)
    {
        await using var connection = new NpgsqlConnection(environment.DatabaseConnectionString);
        await connection.OpenAsync();
        // A worker still holding one of these jobs loses its lease: its commit is fenced off.
        await using var command = new NpgsqlCommand("""
            UPDATE upload_pipeline.upload_jobs
            SET state = 'deadletter', last_error_code = @code, last_error_retryable = false,
                last_error_message = 'Set aside by the acceptance suite: the disruptive scenario that uploaded it ended first.',
                claimed_by = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()
            WHERE state <> 'done' AND NOT (state = 'deadletter' AND last_error_retryable = false)
            """, connection);
        command.Parameters.AddWithValue("code", Code);
        await command.ExecuteNonQueryAsync();
    }
}
