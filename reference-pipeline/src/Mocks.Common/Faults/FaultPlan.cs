namespace Mocks.Common.Faults;

/// <summary>What every mock's fault has: its kind and how long it stays active.</summary>
public interface IFaultSpec
{
    string Kind { get; }

    /// <summary>Requests it strikes before it is used up; null = no limit.</summary>
    int? Count { get; }

    /// <summary>Milliseconds it stays active after the plan is applied; null = until cleared.</summary>
    int? DurationMs { get; }
}

/// <summary>
/// The body of <c>PUT /admin/faults</c>. Each fault is active until its <see cref="IFaultSpec.Count"/>
/// is used up or its <see cref="IFaultSpec.DurationMs"/> has passed (both optional; neither = until cleared).
/// </summary>
public sealed record FaultPlan<TSpec>(IReadOnlyList<TSpec> Faults) where TSpec : IFaultSpec;
