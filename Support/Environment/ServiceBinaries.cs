using System.Reflection;

namespace Acceptance.Support.Environment;

/// <summary>Where the build put the reference services (see the ServiceProject metadata in Acceptance.csproj).</summary>
public static class ServiceBinaries
{
    public static string PathOf(string service)
    {
        var path = typeof(ServiceBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == $"Service:{service}")?.Value
            ?? throw new InvalidOperationException($"The suite does not know the service '{service}'.");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The {service} binary is missing at {path}. Build the solution first (dotnet build Acceptance.sln).", path);
    }
}
