using Acceptance.Support.Monitoring;

namespace Acceptance.Support.Contexts;

/// <summary>This scenario's view of the monitoring: since when it watched, and the alert timings it saw.</summary>
public sealed class AlertWatch
{
    public MonitoringStack? Stack { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public NotifiedAlert? Fired { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    public MonitoringStack Monitoring => Stack ?? throw new InvalidOperationException("The scenario does not watch the pipeline; start with 'operators watch the pipeline ...'.");
}
