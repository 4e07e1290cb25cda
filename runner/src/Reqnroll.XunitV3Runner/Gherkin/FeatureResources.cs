using System.Reflection;

namespace Reqnroll.XunitV3Runner.Gherkin;

/// <summary>
/// Feature files travel inside the test assembly as embedded resources whose logical name is
/// <c>ReqnrollFeature:</c> followed by the path relative to the project (see build/*.targets).
/// </summary>
internal static class FeatureResources
{
    public const string Prefix = "ReqnrollFeature:";

    public static IEnumerable<(string Path, string Text)> ReadAll(Assembly assembly)
    {
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name[Prefix.Length..].Replace('\\', '/'), reader.ReadToEnd());
        }
    }
}
