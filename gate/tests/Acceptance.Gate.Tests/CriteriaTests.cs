using Acceptance.Gate.Criteria;
using FluentAssertions;

namespace Acceptance.Gate.Tests;

public sealed class CriteriaTests
{
    [Fact]
    public void Lists_twenty_criteria_four_per_area_in_design_order()
    {
        Phase4Criteria.All.Should().HaveCount(20);
        Phase4Criteria.All.GroupBy(c => c.Area.Number).Select(g => (g.Key, g.Count()))
            .Should().Equal(("4.1", 4), ("4.2", 4), ("4.3", 4), ("4.4", 4), ("4.5", 4));
        Phase4Criteria.All.Should().OnlyContain(c => c.Id.StartsWith(c.Area.Number + "-"));
        Phase4Criteria.All[0].Id.Should().Be("4.1-stages-seamless");
        Phase4Criteria.All[^1].Id.Should().Be("4.5-backup-recovery");
        Phase4Criteria.Areas.Select(a => a.Title).Should().Equal(
            "Pipeline integration", "Failure and recovery", "Performance and scalability", "Real API integration", "Production readiness");
    }
}
