using Acceptance.Support.Drivers;
using Npgsql;

namespace Acceptance.Support.Backup;

/// <summary>One document as a restore must bring it back: its row, chunks, vectors and files, as checksums.</summary>
public sealed record DocumentFingerprint(
    Guid DocumentId, string UserId, string Sha256, string Stage, string State, int Chunks, string ChunksAndVectorsMd5,
    IReadOnlyDictionary<string, string?> FileSha256)
{
    /// <summary>Files the row names that are not on disk.</summary>
    public IEnumerable<string> MissingFiles => FileSha256.Where(f => f.Value is null).Select(f => f.Key);
}

/// <summary>
/// Every document of the pipeline with checksums of what belongs to it, read from PostgreSQL and
/// the stored files; two snapshots compare equal when a restore brought everything back.
/// </summary>
public static class PipelineSnapshot
{
    public static async Task<IReadOnlyList<DocumentFingerprint>> TakeAsync(string connectionString, StoredFileReader files)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT d.document_id, d.user_id, d.sha256, j.stage, j.state, d.storage_path, d.parsed_path,
                   count(c.chunk_id)::int,
                   md5(coalesce(string_agg(c.chunk_ordinal || ':' || c.content || ':' || c.embedding::text, '|' ORDER BY c.chunk_ordinal), ''))
            FROM upload_pipeline.documents d
            JOIN upload_pipeline.upload_jobs j ON j.document_id = d.document_id
            LEFT JOIN upload_pipeline.document_chunks c ON c.document_id = d.document_id
            GROUP BY d.document_id, j.job_id
            ORDER BY d.document_id
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid Id, string User, string Sha, string Stage, string State, string Raw, string? Parsed, int Chunks, string Md5)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7), reader.GetString(8)));
        }
        var documents = new List<DocumentFingerprint>();
        foreach (var row in rows)
        {
            var checksums = new Dictionary<string, string?> { [row.Raw] = await files.Sha256OfAsync(row.Raw) };
            if (row.Parsed is not null) checksums[row.Parsed] = await files.Sha256OfAsync(row.Parsed);
            documents.Add(new DocumentFingerprint(row.Id, row.User, row.Sha, row.Stage, row.State, row.Chunks, row.Md5, checksums));
        }
        return documents;
    }
}
