namespace Acceptance.Support.Configuration;

/// <summary>
/// Service names (api-server, base-worker-1, postgres, ...) inside setting names. A shell variable cannot hold a hyphen,
/// so ACCEPTANCE__EXTERNAL__METRICSURLS__BASE_WORKER_1 names base-worker-1: upper case and underscores map back to it.
/// </summary>
public static class ServiceNames
{
    /// <summary>The name the pipeline's database server goes by, on every target.</summary>
    public const string Database = "postgres";

    public static string ToSetting(string service) => service.ToUpperInvariant().Replace('-', '_');

    public static string FromSetting(string key) => key.ToLowerInvariant().Replace('_', '-');

    /// <summary>
    /// The entries keyed by service name, whichever form the settings used; two keys for one service are a mistake
    /// the caller reports (<paramref name="clashes"/>).
    /// </summary>
    public static Dictionary<string, T> Normalise<T>(IReadOnlyDictionary<string, T> entries, out IReadOnlyList<string> clashes)
    {
        var byService = new Dictionary<string, T>(StringComparer.Ordinal);
        var clashing = new List<string>();
        foreach (var (key, value) in entries)
            if (!byService.TryAdd(FromSetting(key), value))
                clashing.Add(FromSetting(key));
        clashes = clashing;
        return byService;
    }
}
