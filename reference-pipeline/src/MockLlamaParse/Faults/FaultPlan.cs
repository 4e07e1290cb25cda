using System.Text.RegularExpressions;

namespace MockLlamaParse.Faults;

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
    int? DelayMs = null,
    double? Rate = null,
    bool Abort = false,
    string? FileNamePattern = null,
    string? ErrorCode = null,
    string? Message = null)
{
    /// <summary>A job-error fault with no pattern strikes every file; <c>*</c> and <c>?</c> are wildcards.</summary>
    public bool MatchesFileName(string fileName) =>
        FileNamePattern is null
        || Regex.IsMatch(
            fileName,
            "^" + Regex.Escape(FileNamePattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}

public static class FaultKinds
{
    public const string Outage = "outage";
    public const string Latency = "latency";
    public const string JobError = "job-error";
    public const string DropWebhooks = "drop-webhooks";
    public const string WebhookDelay = "webhook-delay-ms";
    public const string ErrorRate = "error-rate";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([Outage, Latency, JobError, DropWebhooks, WebhookDelay, ErrorRate]);

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
            if (fault.Kind == WebhookDelay && fault.DelayMs is null or < 0) problems.Add($"{where}.delayMs (>= 0) is required for webhook-delay-ms");
            if (fault.Kind == ErrorRate && fault.Rate is null or < 0 or > 1) problems.Add($"{where}.rate (0..1) is required for error-rate");
        }

        return problems;
    }
}
