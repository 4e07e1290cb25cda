using Mocks.Common.Faults;

namespace MockOpenAi.Faults;

/// <summary>One fault of mock-openai's plan (<c>PUT /admin/faults</c>). Kind-specific fields are ignored by other kinds.</summary>
public sealed record FaultSpec(
    string Kind,
    int? Count = null,
    int? DurationMs = null,
    int? LatencyMs = null,
    double? Rate = null,
    int? RetryAfterMs = null,
    bool Abort = false,
    string? Message = null,
    int? RequestsPerWindow = null,
    int? WindowMs = null,
    bool AnnounceRetryAfter = false) : IFaultSpec;

public static class FaultKinds
{
    public const string Outage = "outage";
    public const string Latency = "latency";
    public const string ErrorRate = "error-rate";
    public const string RateLimit = "rate-limit";
    public const string InsufficientQuota = "insufficient-quota";
    public const string Malformed = "malformed";
    /// <summary>A tight account limit: <c>requestsPerWindow</c> embeddings per <c>windowMs</c>, enforced like OpenAI's RPM.</summary>
    public const string RequestLimit = "request-limit";
    /// <summary>A 200 whose <c>data</c> lists the vectors in reverse order, each keeping its own <c>index</c>.</summary>
    public const string OutOfOrder = "out-of-order";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([Outage, Latency, ErrorRate, RateLimit, InsufficientQuota, Malformed, RequestLimit, OutOfOrder]);

    /// <summary>Problems with a plan, in words an operator can act on; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(FaultPlan? plan) =>
        FaultPlanValidation.Validate(plan, All, KindProblems);

    private static IEnumerable<string> KindProblems(FaultSpec fault, string where)
    {
        if (fault.Kind == Latency && fault.LatencyMs is null or < 0) yield return $"{where}.latencyMs (>= 0) is required for latency";
        if (fault.Kind == ErrorRate && fault.Rate is null or < 0 or > 1) yield return $"{where}.rate (0..1) is required for error-rate";
        if (fault.RetryAfterMs is < 0) yield return $"{where}.retryAfterMs must be >= 0";
        if (fault.Kind == RequestLimit && fault.RequestsPerWindow is null or < 1) yield return $"{where}.requestsPerWindow (>= 1) is required for request-limit";
        if (fault.Kind == RequestLimit && fault.WindowMs is null or < 1) yield return $"{where}.windowMs (>= 1) is required for request-limit";
    }
}
