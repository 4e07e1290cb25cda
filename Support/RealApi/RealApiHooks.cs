using Acceptance.Support.Configuration;
using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace Acceptance.Support.RealApi;

/// <summary>
/// @real-api scenarios spend real money: they run only in real-API mode (scripts/gate.sh --real-apis)
/// with both keys present; otherwise they are skipped with the reason, and their criteria read
/// "not verified" in the readiness report. A rehearsal runs them against the bundled mocks, keys or not.
/// </summary>
[Binding]
public sealed class RealApiHooks(SuiteOptions options)
{
    public const string ModeOff = "not verified: real-API mode is off (run scripts/gate.sh --real-apis with the keys)";
    public const string Rehearsal = "rehearsed, not verified: the real-API scenarios ran against the bundled mocks (scripts/gate.sh --real-apis --rehearse)";

    [BeforeScenario("real-api", Order = 5)]
    public void SkipWithoutKeysOrRealApiMode(IUnitTestRuntimeProvider runtime)
    {
        if (SkipReason(options) is { } reason) runtime.TestIgnore(reason);
    }

    public static string? SkipReason(SuiteOptions options)
    {
        var realApiMode = options.RealApi.Enabled && options.Target == "local";
        if (realApiMode && options.RealApi.Rehearse) return null;
        return ProviderKeys.Load(options.RealApi).MissingReason ?? (realApiMode ? null : ModeOff);
    }

    /// <summary>Why this run's provider figures are not the real services' (skipped, or a rehearsal on the mocks); null when they are.</summary>
    public static string? RealServicesNotMeasuredBecause(SuiteOptions options) =>
        SkipReason(options) ?? (options.RealApi.Rehearse ? Rehearsal : null);
}
