using System.Reflection;

namespace Acceptance.Support.Environment;

/// <summary>Files of this repository the suite uses as they are (alert rules, operator scripts), not copies.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = typeof(RepositoryFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The repository file {relativePath} is missing at {path}.", path);
    }
}
