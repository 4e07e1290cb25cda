using System.Collections.Concurrent;
using System.Reflection;

namespace Reqnroll.XunitV3Runner.Gherkin;

/// <summary>All feature files of a test assembly, parsed once per process.</summary>
internal sealed class FeatureCatalog
{
    private static readonly ConcurrentDictionary<Assembly, FeatureCatalog> Catalogs = new();
    private readonly Dictionary<string, FeatureDocument> _byPath;

    private FeatureCatalog(Assembly assembly)
    {
        var features = new List<FeatureDocument>();
        var errors = new List<FeatureParseError>();
        foreach (var (path, text) in FeatureResources.ReadAll(assembly))
        {
            try
            {
                features.Add(FeatureDocument.Parse(path, text));
            }
            catch (Exception e)
            {
                errors.Add(new FeatureParseError(path, e.Message));
            }
        }
        Features = features;
        ParseErrors = errors;
        _byPath = features.ToDictionary(f => f.Path, StringComparer.Ordinal);
    }

    public IReadOnlyList<FeatureDocument> Features { get; }
    public IReadOnlyList<FeatureParseError> ParseErrors { get; }

    public static FeatureCatalog For(Assembly assembly) => Catalogs.GetOrAdd(assembly, a => new FeatureCatalog(a));

    public FeatureDocument Get(string path) =>
        _byPath.TryGetValue(path, out var feature)
            ? feature
            : throw new InvalidOperationException($"Feature file '{path}' is not embedded in the test assembly any more; rebuild and discover again.");
}

internal sealed record FeatureParseError(string Path, string Message);
