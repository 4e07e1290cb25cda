using Npgsql;

namespace Acceptance.Support.Drivers;

/// <summary>Runs one parameterised query and maps its rows: what every database driver of the suite does.</summary>
public static class SqlRows
{
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(NpgsqlDataSource db, string sql, Func<NpgsqlDataReader, T> map,
        params (string Name, object Value)[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(map(reader));
        return rows;
    }
}
