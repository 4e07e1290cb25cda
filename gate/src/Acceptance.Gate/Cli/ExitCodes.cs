namespace Acceptance.Gate.Cli;

/// <summary>The gate's verdict as a process exit code, one per thing CI (or a person) must do next.</summary>
public static class ExitCodes
{
    /// <summary>Every gate scenario ran and passed and every criterion is verified: release.</summary>
    public const int Ready = 0;
    /// <summary>The run completed and the readiness report says not ready (something failed, or was not verified): read readiness.md.</summary>
    public const int GateFailed = 1;
    /// <summary>The target pipeline could not be started or reached: fix the environment, not the product.</summary>
    public const int EnvironmentFailed = 2;
    /// <summary>The gate or the suite was configured wrongly: fix the command line or settings.</summary>
    public const int BadConfiguration = 3;
    /// <summary>
    /// Nothing failed except on speed, on a machine too starved to judge speed (the CPU canary's slowdown reached
    /// --starved-at): not ready and not failed; run the gate again on a quieter machine.
    /// </summary>
    public const int NotJudged = 4;
    /// <summary>
    /// A rehearsal (--real-apis --rehearse) in which nothing else stood in the way: the path to ready works, but the
    /// real-API criteria ran against the mocks. Never ready; run it again with the keys and without --rehearse.
    /// </summary>
    public const int Rehearsal = 5;

    public static int Of(Readiness.GateVerdict verdict) => verdict switch
    {
        Readiness.GateVerdict.Pass => Ready,
        Readiness.GateVerdict.NotJudged => NotJudged,
        Readiness.GateVerdict.Rehearsal => Rehearsal,
        _ => GateFailed,
    };
}
