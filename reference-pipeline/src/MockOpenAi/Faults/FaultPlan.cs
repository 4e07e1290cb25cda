namespace MockOpenAi.Faults;

/// <summary>
/// The body of <c>PUT /admin/faults</c>. Each fault is active until its <see cref="FaultSpec.Count"/>
/// is used up or its <see cref="FaultSpec.DurationMs"/> has passed (both optional; neither = until cleared).
/// </summary>
public sealed record FaultPlan(IReadOnlyList<FaultSpec> Faults);

/// <summary>One fault. Kind-specific fields are ignored by other kinds.</summary>
public sealed record FaultSpec(
    string Kind,
    int? Count = null,
    int? DurationMs = null,
    int? LatencyMs = null,
    double? Rate = null,
    int? RetryAfterMs = null,
    bool Abort = false,
    string? Message = null);

public static class FaultKinds
{
    public const string Outage = "outage";
    public const string Latency = "latency";
    public const string ErrorRate = "error-rate";
    public const string RateLimit = "rate-limit";
    public const string InsufficientQuota = "insufficient-quota";
    public const string Malformed = "malformed";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([Outage, Latency, ErrorRate, RateLimit, InsufficientQuota, Malformed]);

    /// <summary>Problems with a plan, in words an operator can act on; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(FaultPlan? plan)
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
            if (fault is null || !All.Contains(fault.Kind ?? ""))
            {
                problems.Add($"{where}.kind must be one of: {string.Join(", ", All)}");
                continue;
            }

            if (fault.Count is < 1) problems.Add($"{where}.count must be at least 1 when given");
            if (fault.DurationMs is < 1) problems.Add($"{where}.durationMs must be at least 1 when given");
            if (fault.Kind == Latency && fault.LatencyMs is null or < 0) problems.Add($"{where}.latencyMs (>= 0) is required for latency");
            if (fault.Kind == ErrorRate && fault.Rate is null or < 0 or > 1) problems.Add($"{where}.rate (0..1) is required for error-rate");
            if (fault.RetryAfterMs is < 0) problems.Add($"{where}.retryAfterMs must be >= 0");
        }

        return problems;
    }
}
