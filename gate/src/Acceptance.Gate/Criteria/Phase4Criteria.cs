namespace Acceptance.Gate.Criteria;

/// <summary>The twenty Phase 4 criteria, in the order the readiness report lists them; docs/contract.md names what each needs from a pipeline.</summary>
public static class Phase4Criteria
{
    public static readonly CriteriaArea PipelineIntegration = new("4.1", "Pipeline integration");
    public static readonly CriteriaArea FailureAndRecovery = new("4.2", "Failure and recovery");
    public static readonly CriteriaArea PerformanceAndScalability = new("4.3", "Performance and scalability");
    public static readonly CriteriaArea RealApiIntegration = new("4.4", "Real API integration");
    public static readonly CriteriaArea ProductionReadiness = new("4.5", "Production readiness");

    public static IReadOnlyList<CriteriaArea> Areas { get; } =
        [PipelineIntegration, FailureAndRecovery, PerformanceAndScalability, RealApiIntegration, ProductionReadiness];

    public static IReadOnlyList<Criterion> All { get; } =
    [
        new("4.1-stages-seamless", PipelineIntegration, "all nine stages work together, transitions automatic"),
        new("4.1-complete-lifecycle", PipelineIntegration, "a document goes from upload to `embedded`, data intact"),
        new("4.1-error-handling", PipelineIntegration, "errors are handled and recovered across all stages"),
        new("4.1-realistic-workload", PipelineIntegration, "performance stays within limits under a realistic workload"),
        new("4.2-llamaparse-failures", FailureAndRecovery, "parser failures are handled gracefully"),
        new("4.2-openai-errors", FailureAndRecovery, "OpenAI rate limiting and errors are handled correctly"),
        new("4.2-database-recovery", FailureAndRecovery, "database connection failures recover automatically"),
        new("4.2-worker-restarts", FailureAndRecovery, "worker process failures and restarts work properly"),
        new("4.3-concurrent-uploads", PerformanceAndScalability, "5+ simultaneous uploads are processed"),
        new("4.3-stable-under-load", PerformanceAndScalability, "performance stays stable under sustained load"),
        new("4.3-resources", PerformanceAndScalability, "memory and resource use stay bounded"),
        new("4.3-database-concurrency", PerformanceAndScalability, "database performance is acceptable under concurrent operations"),
        new("4.4-real-llamaparse", RealApiIntegration, "real LlamaParse integration works within a cost cap"),
        new("4.4-real-openai", RealApiIntegration, "real OpenAI integration works within a cost cap"),
        new("4.4-real-vs-mock", RealApiIntegration, "real-service performance is comparable to the mocks"),
        new("4.4-keys-and-limits", RealApiIntegration, "API keys are managed safely and rate limits respected"),
        new("4.5-errors-graceful", ProductionReadiness, "every error scenario is handled gracefully"),
        new("4.5-monitoring-alerting", ProductionReadiness, "monitoring and alerting work"),
        new("4.5-logging-debugging", ProductionReadiness, "logs are sufficient to debug any document's history"),
        new("4.5-backup-recovery", ProductionReadiness, "backup and recovery are tested and work"),
    ];

    private static readonly Dictionary<string, Criterion> ById = All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public static bool IsKnown(string id) => ById.ContainsKey(id);

    public static Criterion? Find(string id) => ById.GetValueOrDefault(id);
}
