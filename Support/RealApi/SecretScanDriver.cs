using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;

namespace Acceptance.Support.RealApi;

/// <summary>Where a provider key was found: a file of the run folder, or a process's command line.</summary>
public sealed record KeyLeak(string Where);

/// <summary>
/// Looks for the provider keys this run handed out (the local environment's planted keys and, in
/// real-API mode, the real ones) in every file of the run folder so far (service logs, evidence,
/// messages) and in every process's command line (what a process listing shows).
/// </summary>
public sealed class SecretScanDriver(IPipelineEnvironment environment, RunFolder runFolder, SuiteOptions options)
{
    public IReadOnlyList<string> KnownKeys =>
        environment.ProviderKeyValues
        .Concat(new[] { ProviderKeys.Load(options.RealApi).LlamaParse, ProviderKeys.Load(options.RealApi).OpenAi }.OfType<string>())
        .Distinct().ToList();

    /// <summary>Why there is nothing to look for on this target (it handed out no keys the suite knows), or null.</summary>
    public string? NothingToLookForBecause => KnownKeys.Count == 0
        ? $"the {environment.Target} target's services use keys the suite never handed out, and no real provider key is configured, so there is no key to look for"
        : null;

    public IReadOnlyList<KeyLeak> FindLeaks()
    {
        var keys = KnownKeys;
        var files = Directory.EnumerateFiles(runFolder.Path, "*", SearchOption.AllDirectories)
            .Where(file => ReadShared(file) is { } text && keys.Any(key => text.Contains(key, StringComparison.Ordinal)))
            .Select(file => new KeyLeak(Path.GetRelativePath(runFolder.Path, file)));
        var processes = Directory.Exists("/proc")
            ? Directory.EnumerateDirectories("/proc").Where(dir => int.TryParse(Path.GetFileName(dir), out _))
                .Where(dir => ReadShared(Path.Combine(dir, "cmdline")) is { } cmdline && keys.Any(key => cmdline.Contains(key, StringComparison.Ordinal)))
                .Select(dir => new KeyLeak($"command line of process {Path.GetFileName(dir)}"))
            : [];
        return files.Concat(processes).ToList();
    }

    /// <summary>Services keep writing their logs while we read; processes come and go.</summary>
    private static string? ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
