using System.Reflection;
using Acceptance.Gate.Running;
using Acceptance.Gate.Steps;

namespace Acceptance.Gate.Tests;

/// <summary>The real suite's step definitions and features, loaded once for every test that needs them.</summary>
internal static class SuiteSteps
{
    public static string Metadata(string key) => typeof(GateRun).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string SuiteAssembly => Metadata("AcceptanceSuite");

    private static readonly Lazy<IReadOnlyList<StepBinding>> LazyBindings = new(() => SuiteBindings.Load(SuiteAssembly));

    public static IReadOnlyList<StepBinding> Bindings => LazyBindings.Value;
}
