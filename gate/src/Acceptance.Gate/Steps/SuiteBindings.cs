using System.Reflection;
using Reqnroll;
using Reqnroll.Bindings;

namespace Acceptance.Gate.Steps;

/// <summary>
/// The suite's step definitions, read from Reqnroll's own binding registry: the suite assembly is
/// loaded and Reqnroll's runtime builds its registry exactly as it does before running a scenario
/// (same expression parsing, same parameter types), without starting a test run or any hook.
/// </summary>
public static class SuiteBindings
{
    private const string FormattersDisabled = "REQNROLL_FORMATTERS_DISABLED";

    public static IReadOnlyList<StepBinding> Load(string suiteAssemblyPath)
    {
        var assembly = Assembly.LoadFrom(suiteAssemblyPath);
        // Only the registry is wanted: no report files, no formatter threads. The variable is
        // restored at once so the suite the gate starts later still writes its reports.
        var formatters = Environment.GetEnvironmentVariable(FormattersDisabled);
        Environment.SetEnvironmentVariable(FormattersDisabled, "true");
        // Reqnroll announces each plugin it loads on the console; that is noise in the gate's output.
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        ITestRunner runner;
        try
        {
            runner = TestRunnerManager.GetTestRunnerForAssembly(assembly);
        }
        finally
        {
            Console.SetOut(console);
            Environment.SetEnvironmentVariable(FormattersDisabled, formatters);
        }
        try
        {
            var registry = runner.TestThreadContext.TestThreadContainer.Resolve<IBindingRegistry>();
            return registry.GetStepDefinitions()
                .Where(binding => binding.IsValid)
                .Select(ToStepBinding)
                .ToList();
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
        }
    }

    private static StepBinding ToStepBinding(IStepDefinitionBinding binding) => new(
        binding.StepDefinitionType.ToString(),
        binding.SourceExpression,
        binding.ExpressionType,
        binding.Regex,
        binding.Method.Parameters.Select(p => new StepParameter(p.ParameterName, p.Type.Name)).ToList(),
        $"{binding.Method.Type.Name}.{binding.Method.Name}");
}
