using Acceptance.Support.Evidence;
using Reqnroll;
using Reqnroll.Bindings;

namespace Acceptance.Support.Waiting;

/// <summary>
/// For each Then that states a time limit ("the operators are alerted within 45 seconds"), the limit stated, the time
/// the wait really took and the stretched limit it was allowed, attached as evidence (<see cref="EvidenceName"/>.json).
/// On a busy machine a wait may pass beyond the stated limit; the gate reads this evidence and reports such a pass
/// "met only with the stretched limit", not judged, never verified.
/// </summary>
public sealed class StatedLimits(ScenarioContext scenario, EvidenceRecorder evidence)
{
    /// <summary>The evidence file's name (without .json): the gate looks for it (Acceptance.Gate's StatedLimitRule).</summary>
    public const string EvidenceName = "stated-limit";

    /// <summary>Records a wait that succeeded after <paramref name="took"/>, when the current step is a Then stating its limit.</summary>
    public void Record(string awaited, StretchedLimit limit, TimeSpan took)
    {
        if (scenario.StepContext?.StepInfo is not { StepDefinitionType: StepDefinitionType.Then } step || !limit.IsStatedIn(step.Text))
            return;
        evidence.AttachJson(EvidenceName, new
        {
            step = step.Text,
            awaited,
            statedSeconds = Math.Round(limit.Business.TotalSeconds, 1),
            tookSeconds = Math.Round(took.TotalSeconds, 1),
            allowedSeconds = Math.Round(limit.Limit.TotalSeconds, 1),
        });
    }
}
