namespace Acceptance.Gate.Readiness;

public enum GateVerdict
{
    Pass,
    Fail,
    /// <summary>Nothing failed that the machine's starvation could explain away, yet something could not be judged: run again on a quieter machine.</summary>
    NotJudged,
}

public enum CriterionVerdict
{
    Verified,
    Failed,
    NotCovered,
    NotVerified,
    /// <summary>Its scenarios failed only on speed on a machine too starved to judge speed.</summary>
    NotJudged,
}
