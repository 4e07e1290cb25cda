namespace Mocks.Common.Faults;

/// <summary>Holds the active fault plan of <typeparamref name="TSpec"/> faults and hands out faults as requests arrive (thread-safe).</summary>
public sealed class FaultInjector<TSpec>(TimeProvider time) where TSpec : class, IFaultSpec
{
    private readonly Lock _gate = new();
    private List<ArmedFault> _armed = [];

    public void Apply(FaultPlan<TSpec> plan)
    {
        var now = time.GetUtcNow();
        var armed = plan.Faults
            .Select(spec => new ArmedFault(spec, spec.Count, spec.DurationMs is { } ms ? now.AddMilliseconds(ms) : null))
            .ToList();
        lock (_gate)
        {
            _armed = armed;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _armed = [];
        }
    }

    /// <summary>
    /// The first active fault of <paramref name="kind"/> for which <paramref name="fires"/> holds,
    /// using up one of its count; null when none fires.
    /// </summary>
    public TSpec? Take(string kind, Func<TSpec, bool>? fires = null)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var fault in _armed)
            {
                if (fault.Spec.Kind != kind || !fault.IsActive(now) || (fires is not null && !fires(fault.Spec)))
                {
                    continue;
                }

                fault.Remaining--;
                return fault.Spec;
            }
        }

        return null;
    }

    /// <summary>Every active fault of <paramref name="kind"/>, each using up one of its count.</summary>
    public IReadOnlyList<TSpec> TakeAll(string kind)
    {
        var now = time.GetUtcNow();
        var taken = new List<TSpec>();
        lock (_gate)
        {
            foreach (var fault in _armed.Where(fault => fault.Spec.Kind == kind && fault.IsActive(now)))
            {
                fault.Remaining--;
                taken.Add(fault.Spec);
            }
        }

        return taken;
    }

    /// <summary>What <c>GET /admin/faults</c> shows: each fault with what is left of it.</summary>
    public IReadOnlyList<object> Describe()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _armed
                .Select(fault => (object)new { fault.Spec, remainingCount = fault.Remaining, expiresAt = fault.ExpiresAt, active = fault.IsActive(now) })
                .ToList();
        }
    }

    private sealed class ArmedFault(TSpec spec, int? remaining, DateTimeOffset? expiresAt)
    {
        public TSpec Spec { get; } = spec;
        public int? Remaining { get; set; } = remaining;
        public DateTimeOffset? ExpiresAt { get; } = expiresAt;

        public bool IsActive(DateTimeOffset now) => Remaining is null or > 0 && (ExpiresAt is null || now < ExpiresAt);
    }
}
