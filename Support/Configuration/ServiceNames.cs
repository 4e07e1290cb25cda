namespace Acceptance.Support.Configuration;

/// <summary>
/// Service names (api-server, base-worker-1, postgres, ...) inside setting names. A shell variable cannot hold a hyphen,
/// so ACCEPTANCE__EXTERNAL__METRICSURLS__BASE_WORKER_1 names base-worker-1: upper case and underscores map back to it.
/// </summary>
public static class ServiceNames
{
    /// <summary>The names the pipeline's parts go by in the suite, on every target (a target maps its own onto them).</summary>
    public const string Api = "api-server";
    /// <summary>Workers are named this with a suffix of their own (base-worker-1, base-worker-&lt;container id&gt;).</summary>
    public const string Worker = "base-worker";

    public static bool IsWorker(string service) => service.StartsWith(Worker, StringComparison.Ordinal);
    public const string Database = "postgres";
    public const string Parser = "mock-llamaparse";
    public const string Embeddings = "mock-openai";

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
