namespace Acceptance.Support.Control;

/// <summary>
/// A compose override file that adds settings to one service's environment, layered over
/// docker-compose.yml with a second -f: any setting reaches the service, not only those the file
/// interpolates, and the repository's file stays as users run it.
/// </summary>
public static class ComposeOverride
{
    public static async Task<string> WriteAsync(string path, string service, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var environment = settings.Select(s => $"      {s.Key}: '{s.Value.Replace("'", "''", StringComparison.Ordinal)}'");
        await File.WriteAllLinesAsync(path, ["services:", $"  {service}:", "    environment:", .. environment]);
        return path;
    }
}
