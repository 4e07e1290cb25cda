using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;

namespace Acceptance.Gate.Readiness;

/// <summary>Lists quarantined scenarios; a quarantine past its expiry date fails the gate.</summary>
internal static class QuarantineCheck
{
    public static IReadOnlyList<QuarantineEntry> Check(
        IEnumerable<(InventoryScenario Scenario, ScenarioReport Report)> scenarios, DateOnly today) =>
        scenarios
            .Where(s => s.Scenario.IsQuarantined)
            .Select(s =>
            {
                var owner = s.Scenario.TagValues(GateTags.OwnerPrefix).FirstOrDefault(o => o.Length > 0);
                DateOnly? expires = TagLinter.TryParseExpiry(s.Scenario.TagValues(GateTags.ExpiresPrefix).FirstOrDefault() ?? "", out var date)
                    ? date
                    : null;
                return new QuarantineEntry(s.Report.File, s.Report.Line, s.Report.Name, owner, expires,
                    s.Report.Outcome, expires is { } e && e < today);
            })
            .ToList();
}
