using Npgsql;

namespace Acceptance.Support.ContractProbe;

/// <summary>
/// The contract's tables and columns as the suite's connection string sees them (information_schema), the
/// statistics views it reads on the same server, and whether the events table takes every contract event type.
/// </summary>
public static class SchemaProbe
{
    public static async Task<IReadOnlyList<ProbeFinding>> CheckAsync(ContractDocument contract, string connectionString, CancellationToken ct)
    {
        NpgsqlConnection connection;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 30, Pooling = false, ApplicationName = "contract-probe" };
            connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return [new("database connection", ProbeResult.Missing,
                $"could not connect ({e.Message}): correct ACCEPTANCE__EXTERNAL__DATABASECONNECTIONSTRING or start the database")];
        }
        await using (connection)
        {
            var findings = new List<ProbeFinding>();
            findings.AddRange(await TablesAsync(contract, connection, ct));
            findings.AddRange(await ServerViewsAsync(contract, connection, ct));
            findings.AddRange(await EventTypesAsync(contract, connection, ct));
            return findings;
        }
    }

    private static async Task<IEnumerable<ProbeFinding>> TablesAsync(ContractDocument contract, NpgsqlConnection connection, CancellationToken ct)
    {
        var schema = contract.Schema;
        await using var query = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = @schema", connection);
        query.Parameters.AddWithValue("schema", schema);
        var columnsOf = new Dictionary<string, HashSet<string>>();
        await using (var reader = await query.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                (columnsOf.TryGetValue(reader.GetString(0), out var set) ? set : columnsOf[reader.GetString(0)] = []).Add(reader.GetString(1));

        return contract.Tables.SelectMany<ContractTable, ProbeFinding>(table =>
        {
            if (!columnsOf.TryGetValue(table.Name, out var columns))
                return [new($"table {schema}.{table.Name}", ProbeResult.Missing,
                    $"create table {schema}.{table.Name} with columns {string.Join(", ", table.Columns)} (or grant the suite's user read access)")];
            var missing = table.Columns.Where(c => !columns.Contains(c)).ToList();
            return missing.Count == 0
                ? [new($"table {schema}.{table.Name}", ProbeResult.Present)]
                : missing.Select(c => new ProbeFinding($"column {schema}.{table.Name}.{c}", ProbeResult.Missing, $"add column {c} to {schema}.{table.Name}"));
        }).ToList();
    }

    private static async Task<IEnumerable<ProbeFinding>> ServerViewsAsync(ContractDocument contract, NpgsqlConnection connection, CancellationToken ct)
    {
        var findings = new List<ProbeFinding>();
        foreach (var view in contract.ServerViews)
        {
            var item = $"server view {view.Name}";
            try
            {
                // LIMIT 0 reads nothing: it only proves the view and its columns are there for this user.
                await using var read = new NpgsqlCommand($"SELECT {string.Join(", ", view.Columns)} FROM {view.Name} LIMIT 0", connection);
                await read.ExecuteNonQueryAsync(ct);
                findings.Add(new(item, ProbeResult.Present));
            }
            catch (PostgresException e) when (view.OptionalBecause is { } why)
            {
                findings.Add(ProbeFinding.NotGiven(item, $"{e.MessageText}; {why}", view.Criteria));
            }
            catch (PostgresException e)
            {
                findings.Add(new(item, ProbeResult.Wrong, $"the suite's user cannot read it ({e.MessageText}): grant pg_monitor or read access"));
            }
        }
        return findings;
    }

    /// <summary>
    /// An event type is accepted unless the column's enum or a check constraint on the events table leaves it
    /// out; the rows already there are counted, so the table says which types the pipeline has written.
    /// </summary>
    private static async Task<IEnumerable<ProbeFinding>> EventTypesAsync(ContractDocument contract, NpgsqlConnection connection, CancellationToken ct)
    {
        var (schema, table) = (contract.EventsTable.Split('.')[0], contract.EventsTable.Split('.')[1]);
        var allowed = await AllowedEventTypesAsync(connection, schema, table, ct);
        var written = new Dictionary<string, long>();
        await using (var count = new NpgsqlCommand($"SELECT event_type, count(*) FROM {contract.EventsTable} GROUP BY event_type", connection))
        {
            try
            {
                await using var reader = await count.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    written[reader.GetString(0)] = reader.GetInt64(1);
            }
            catch (PostgresException)
            {
                // The table or its column is missing: the table check above names it.
                return [];
            }
        }
        return contract.EventTypes.Select(type =>
        {
            var item = $"event type {type.Name}";
            if (allowed is not null && !allowed.Any(rule => rule.Contains($"'{type.Name}'", StringComparison.Ordinal)))
                return new ProbeFinding(item, ProbeResult.Wrong, $"{contract.EventsTable}.event_type refuses '{type.Name}': allow it in its check constraint or enum");
            return new ProbeFinding(item, ProbeResult.Present,
                written.TryGetValue(type.Name, out var rows) ? $"accepted; {rows} row(s) written" : "accepted; none written yet");
        }).ToList();
    }

    /// <summary>The enum labels of event_type, or the check constraints on the table that name event_type; null when nothing restricts it.</summary>
    private static async Task<IReadOnlyList<string>?> AllowedEventTypesAsync(NpgsqlConnection connection, string schema, string table, CancellationToken ct)
    {
        await using var rules = new NpgsqlCommand(
            """
            SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
              JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE n.nspname = @schema AND t.relname = @table AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%event_type%'
            UNION ALL
            SELECT string_agg(quote_literal(e.enumlabel), ',') FROM pg_attribute a
              JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
              JOIN pg_enum e ON e.enumtypid = a.atttypid
             WHERE n.nspname = @schema AND t.relname = @table AND a.attname = 'event_type'
            HAVING count(*) > 0
            """, connection);
        rules.Parameters.AddWithValue("schema", schema);
        rules.Parameters.AddWithValue("table", table);
        var found = new List<string>();
        await using var reader = await rules.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            found.Add(reader.GetString(0));
        return found.Count == 0 ? null : found;
    }
}
