using System.Text.RegularExpressions;
using Mocks.Common.Faults;

namespace MockLlamaParse.Faults;

/// <summary>One fault of mock-llamaparse's plan (<c>PUT /admin/faults</c>). Kind-specific fields are ignored by other kinds.</summary>
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
    string? Message = null,
    int? RetryAfterMs = null) : IFaultSpec
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
    public const string RateLimit = "rate-limit";
    public const string Malformed = "malformed";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([Outage, Latency, JobError, DropWebhooks, WebhookDelay, ErrorRate, RateLimit, Malformed]);

    /// <summary>Problems with a plan, in words an operator can act on; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(FaultPlan? plan) =>
        FaultPlanValidation.Validate(plan, All, KindProblems);

    private static IEnumerable<string> KindProblems(FaultSpec fault, string where)
    {
        if (fault.Kind == Latency && fault.LatencyMs is null or < 0) yield return $"{where}.latencyMs (>= 0) is required for latency";
        if (fault.Kind == WebhookDelay && fault.DelayMs is null or < 0) yield return $"{where}.delayMs (>= 0) is required for webhook-delay-ms";
        if (fault.Kind == ErrorRate && fault.Rate is null or < 0 or > 1) yield return $"{where}.rate (0..1) is required for error-rate";
        if (fault.RetryAfterMs is < 0) yield return $"{where}.retryAfterMs must be >= 0";
    }
}
