namespace Acceptance.Support.Control;

/// <summary>
/// A compose override file that adds settings to some services' environment (the workers'), layered over
/// the compose files with one more -f: any setting reaches the service, not only those the file
/// interpolates, and the repository's file stays as users run it.
/// </summary>
public static class ComposeOverride
{
    public static async Task<string> WriteAsync(string path, IEnumerable<string> services, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var environment = settings.Select(s => $"      {s.Key}: '{s.Value.Replace("'", "''", StringComparison.Ordinal)}'").ToList();
        await File.WriteAllLinesAsync(path, ["services:", .. services.SelectMany(service => new[] { $"  {service}:", "    environment:" }.Concat(environment))]);
        return path;
    }
}
