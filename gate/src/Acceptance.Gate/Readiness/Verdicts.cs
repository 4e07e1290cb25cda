namespace Acceptance.Gate.Readiness;

public enum GateVerdict
{
    Pass,
    Fail,
}

public enum CriterionVerdict
{
    Verified,
    Failed,
    NotCovered,
    NotVerified,
}
