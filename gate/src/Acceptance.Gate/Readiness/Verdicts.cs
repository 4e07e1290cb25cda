namespace Acceptance.Gate.Readiness;

public enum GateVerdict
{
    Pass,
    /// <summary>Something failed: a scenario, the run, a tag, a quarantine, a secret scan, a blocking regression, a criterion without scenarios.</summary>
    Fail,
    /// <summary>Nothing failed that the machine's starvation could explain away, yet something could not be judged: run again on a quieter machine.</summary>
    NotJudged,
    /// <summary>Nothing failed, but criteria or gate scenarios are not verified (skipped, e.g. no API keys, or left out of the selection).</summary>
    NotVerified,
    /// <summary>A rehearsal of the path to ready (--real-apis --rehearse) in which nothing else stood in the way: never ready.</summary>
    Rehearsal,
}

public enum CriterionVerdict
{
    Verified,
    Failed,
    NotCovered,
    NotVerified,
    /// <summary>Its scenarios failed only on speed on a machine too starved to judge speed.</summary>
    NotJudged,
    /// <summary>Its @real-api scenarios passed in a rehearsal, against the bundled mocks: rehearsed, not verified.</summary>
    Rehearsed,
    /// <summary>Its scenarios exist but this run's selection (--tags, --shard) left them all out.</summary>
    NotInSelection,
}
