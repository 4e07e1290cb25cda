namespace Mocks.Common.Faults;

/// <summary>Checks shared by every mock's fault plan; each mock adds the rules of its own kinds.</summary>
public static class FaultPlanValidation
{
    /// <summary>Problems with a plan, in words an operator can act on; empty when valid.</summary>
    /// <param name="plan">The body as bound (null when absent).</param>
    /// <param name="kinds">The kinds this mock knows.</param>
    /// <param name="kindProblems">The mock's own checks of one fault of a known kind, given its <c>faults[i]</c> path.</param>
    public static IReadOnlyList<string> Validate<TSpec>(FaultPlan<TSpec>? plan, IReadOnlySet<string> kinds,
        Func<TSpec, string, IEnumerable<string>> kindProblems)
        where TSpec : IFaultSpec
    {
        if (plan?.Faults is null)
        {
            return ["body must be {\"faults\": [ ... ]}"];
        }

        var problems = new List<string>();
        for (var i = 0; i < plan.Faults.Count; i++)
        {
            var fault = plan.Faults[i];
            var where = $"faults[{i}]";
            if (fault is null || !kinds.Contains(fault.Kind ?? ""))
            {
                problems.Add($"{where}.kind must be one of: {string.Join(", ", kinds)}");
                continue;
            }

            if (fault.Count is < 1) problems.Add($"{where}.count must be at least 1 when given");
            if (fault.DurationMs is < 1) problems.Add($"{where}.durationMs must be at least 1 when given");
            problems.AddRange(kindProblems(fault, where));
        }

        return problems;
    }
}
