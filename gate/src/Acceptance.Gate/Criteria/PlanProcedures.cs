using System.Text;

namespace Acceptance.Gate.Criteria;

/// <summary>
/// The Phase 4 plan's own procedures (its scripts and docker-compose commands) and what does the same here: the
/// gate command to run and the scenarios that check it. Declared once; docs/phase4-plan.md and the handoff render
/// it with <see cref="ToMarkdown"/>.
/// </summary>
public static class PlanProcedures
{
    public const string Source = "gate/src/Acceptance.Gate/Criteria/PlanProcedures.cs";

    private const string Integration = "Features/01-pipeline-integration/";
    private const string Recovery = "Features/02-failure-recovery/";
    private const string Performance = "Features/03-performance-scalability/";
    private const string RealApis = "Features/04-real-api-integration/";
    private const string Readiness = "Features/05-production-readiness/";

    public static IReadOnlyList<PlanProcedure> All { get; } =
    [
        new("test-complete-pipeline.py --documents=5 --concurrent=3",
            "documents go through every stage, several in flight at once, within the time limits",
            "4.1-realistic-workload",
            "scripts/gate.sh --tags criterion:4.1-realistic-workload,criterion:4.1-complete-lifecycle --documents 5 --concurrency 3",
            "5 documents and 3 in flight are the gate's defaults, so a plain `scripts/gate.sh` runs the same.",
            new PlanScenario(Integration + "RealisticWorkload.feature", "Five documents uploaded three at a time are all embedded"),
            new PlanScenario(Integration + "DocumentLifecycle.feature", "An insurance policy passes through every stage in order"),
            new PlanScenario(Integration + "DataIntegrity.feature", "<kind> arrives intact")),
        new("test-concurrent-processing.py --concurrent=5 --duration=300",
            "five uploads kept in flight for five minutes stay stable and leave no backlog",
            "4.3-stable-under-load",
            "scripts/gate.sh --load-profile phase4 --tags criterion:4.3-stable-under-load,criterion:4.3-concurrent-uploads",
            "`--load-profile phase4` keeps 5 documents in the pipeline at a time for 300 s (a closed loop: the next is uploaded " +
            "when one is embedded or set aside; an upload is answered at once, so counting requests in flight would flood the " +
            "pipeline); without it the load is open-loop arrivals. The load's evidence (`load-latency-windows.json`, `rates`) " +
            "states the rate offered and the rate achieved, and warns when an open-loop rate is above the capacity measured. " +
            "`--soak 30m` lengthens the measured period.",
            new PlanScenario(Performance + "SustainedLoad.feature", "A steady stream of office documents keeps its pace and leaves no backlog"),
            new PlanScenario(Performance + "ConcurrentUploads.feature", "Eight documents uploaded at the same moment are all embedded")),
        new("test-database-performance.py --concurrent=10",
            "the database stays fast and free of deadlocks while workers claim jobs concurrently",
            "4.3-database-concurrency",
            "ACCEPTANCE__LOAD__DATABASE__CLAIMSLOTS=10 scripts/gate.sh --tags criterion:4.3-database-concurrency",
            "The scenario races 8 claim slots by default; the variable sets the plan's 10.",
            new PlanScenario(Performance + "DatabaseUnderConcurrency.feature", "Eight claimers racing for one backlog each take a different document, without deadlocks")),
        new("test-real-llamaparse.py --max-cost=5.00",
            "the real LlamaParse parses a document within a cost cap",
            "4.4-real-llamaparse",
            "scripts/gate.sh --real-apis --tags criterion:4.4-real-llamaparse --budget-usd 5",
            "Needs LLAMA_CLOUD_API_KEY (or --llamaparse-key-file); without it the criterion reads \"not verified\". " +
            "$5 is also the default LlamaParse budget.",
            new PlanScenario(RealApis + "RealProviders.feature", "LlamaParse itself parses a policy schedule within the budget")),
        new("docker-compose stop mock-llamaparse",
            "a parser outage is survived and raises an alert",
            "4.2-llamaparse-failures",
            "scripts/gate.sh --tags criterion:4.2-llamaparse-failures,criterion:4.5-monitoring-alerting",
            "The scenarios stop the parser themselves: the process on the local target, the container with `--target compose`.",
            new PlanScenario(Recovery + "ParserFailures.feature", "Documents uploaded during a parser outage complete when the parser returns"),
            new PlanScenario(Readiness + "Alerting.feature", "A parser outage alerts the operators"),
            new PlanScenario(Readiness + "Alerting.feature", "A parser that cannot be reached alerts the operators"),
            new PlanScenario(Readiness + "Alerting.feature", "The parser's alert clears when the parser is back")),
        new("docker-compose stop postgres",
            "a database outage is survived and lost data is restored from backups",
            "4.2-database-recovery",
            "scripts/gate.sh --tags criterion:4.2-database-recovery,criterion:4.5-backup-recovery",
            "The scenarios stop the database themselves: the cluster on the local target, the container with `--target compose`.",
            new PlanScenario(Recovery + "DatabaseOutage.feature", "Documents in flight are finished after the database returns"),
            new PlanScenario(Recovery + "DatabaseOutage.feature", "Uploads while the database is down are refused with a hint to retry"),
            new PlanScenario(Readiness + "BackupAndRecovery.feature", "Losing the database server and the stored files loses no archived work")),
        new("docker-compose logs -f base-worker api-server",
            "the services' logs tell each document's history",
            "4.5-logging-debugging",
            "scripts/gate.sh --tags criterion:4.5-logging-debugging",
            "Every run keeps each service's JSON log in `logs/` of its report folder; `scripts/pipeline.sh up` keeps a " +
            "running pipeline's logs in `.pipeline/`.",
            new PlanScenario(Readiness + "DocumentHistory.feature", "A document's story is told by its correlation id alone"),
            new PlanScenario(Readiness + "DocumentHistory.feature", "The logs keep no secret and no document's text, and every error line names its code")),
    ];

    /// <summary>One section per procedure: the plan's command, what it checks, the gate command and the scenarios.</summary>
    public static string ToMarkdown()
    {
        var md = new StringBuilder();
        foreach (var procedure in All)
        {
            md.Append("### `").Append(procedure.PlanCommand).Append("`\n\n");
            md.Append("Checks that ").Append(procedure.Checks).Append(" (criterion `").Append(procedure.CriterionId).Append("`).\n\n");
            md.Append("```bash\n").Append(procedure.GateCommand).Append("\n```\n\n");
            md.Append(procedure.Note).Append("\n\n");
            foreach (var scenario in procedure.Scenarios)
                md.Append("- `").Append(scenario.FeatureFile).Append("`: \"").Append(Escaped(scenario.Name)).Append("\"\n");
            md.Append('\n');
        }
        return md.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>A scenario outline's name keeps its placeholders visible ("&lt;kind&gt;" would be read as an HTML tag).</summary>
    public static string Escaped(string scenarioName) => scenarioName.Replace("<", "\\<", StringComparison.Ordinal);
}

/// <summary>A procedure of the Phase 4 plan and the gate command and scenarios that do the same here.</summary>
public sealed record PlanProcedure(
    string PlanCommand, string Checks, string CriterionId, string GateCommand, string Note, params PlanScenario[] Scenarios);

/// <summary>A scenario by its feature file (from the repository root) and its name as the file writes it.</summary>
public sealed record PlanScenario(string FeatureFile, string Name);
