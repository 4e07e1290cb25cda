using Acceptance.Support.Configuration;
using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace Acceptance.Support.RealApi;

/// <summary>
/// @real-api scenarios spend real money: they run only in real-API mode (scripts/gate.sh --real-apis)
/// with both keys present; otherwise they are skipped with the reason, and their criteria read
/// "not verified" in the readiness report.
/// </summary>
[Binding]
public sealed class RealApiHooks(SuiteOptions options)
{
    public const string ModeOff = "not verified: real-API mode is off (run scripts/gate.sh --real-apis with the keys)";

    [BeforeScenario("real-api", Order = 5)]
    public void SkipWithoutKeysOrRealApiMode(IUnitTestRuntimeProvider runtime)
    {
        if (SkipReason(options) is { } reason) runtime.TestIgnore(reason);
    }

    public static string? SkipReason(SuiteOptions options) =>
        ProviderKeys.Load(options.RealApi).MissingReason
        ?? (options.RealApi.Enabled && options.Target == "local" ? null : ModeOff);
}
