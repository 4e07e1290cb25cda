namespace Acceptance.Support.Configuration;

/// <summary>
/// Section <c>Load</c>: the load profile of the performance scenarios and their verdict limits
/// (ACCEPTANCE__LOAD__*). The defaults keep the three 4.3 scenarios to about two minutes on two
/// cores; <c>scripts/gate.sh --soak 30m</c> lengthens the arrivals for a nightly run and
/// <c>--load-profile phase4</c> keeps the Phase 4 plan's 5 documents in the pipeline at a time for 300 s.
/// </summary>
public sealed class LoadOptions
{
    /// <summary><c>open</c>: documents arrive at <see cref="ArrivalsPerSecond"/> whether or not earlier ones are done; <c>phase4</c>: 5 documents in the pipeline at a time for 300 s (closed loop: the next uploaded when one is embedded or set aside).</summary>
    public string Profile { get; set; } = "open";
    public double ArrivalsPerSecond { get; set; } = 1.0;
    /// <summary>Measured period of arrivals, after the warm-up.</summary>
    public int DurationSeconds { get; set; } = 20;
    /// <summary>Arrivals before the measured period: they warm the services up and are left out of every verdict but peak memory.</summary>
    public int WarmupSeconds { get; set; } = 10;
    /// <summary>Documents kept in the pipeline at a time by the closed-loop (phase4) profile: uploaded, not yet embedded or set aside.</summary>
    public int ConcurrentUploads { get; set; } = 5;
    /// <summary>Latency percentiles are reported per window of arrivals this long.</summary>
    public int WindowSeconds { get; set; } = 10;
    /// <summary>After arrivals stop, every document must be finished within this long.</summary>
    public int DrainSeconds { get; set; } = 120;
    public int SampleMilliseconds { get; set; } = 500;
    /// <summary>Comma-separated test document names to send instead of the office mix (e.g. only the small policy for a benchmark).</summary>
    public string Documents { get; set; } = "";
    /// <summary>Seed of the document mix, so a run can be repeated.</summary>
    public int Seed { get; set; } = 4_3_2026;
    public ResourceLimits Resources { get; set; } = new();
    public DatabaseLimits Database { get; set; } = new();

    public bool IsPhase4 => string.Equals(Profile, "phase4", StringComparison.OrdinalIgnoreCase);
    public TimeSpan Duration => TimeSpan.FromSeconds(IsPhase4 ? Math.Max(DurationSeconds, 300) : DurationSeconds);
    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);
}

public sealed class ResourceLimits
{
    /// <summary>Peak resident memory allowed to the api-server and each base-worker.</summary>
    public int MaxResidentMiB { get; set; } = 250;
    /// <summary>
    /// Growth of resident memory after warm-up (least-squares slope over the samples) that counts as a
    /// leak. Coarse in the gate's 20 s: healthy workers, started moments before, still grow 77–190 MiB/min
    /// while their heaps settle (large-object garbage stays resident until the first full collection), so
    /// only a fast leak fails there (the defect keep-processed-documents, about 12 MiB per document, reads
    /// 417–510 MiB/min); slow leaks are judged per document in a soak (<see cref="LeakFloorKiBPerDocument"/>).
    /// </summary>
    public double MaxGrowthMiBPerMinute { get; set; } = 240;
    /// <summary>
    /// Resident memory kept per document embedded that is accepted even when measurable, for services judged
    /// by resident memory (those without the live heap series); above it, and above the run's own detection
    /// limit, is a leak (Support/Resources/MemoryPerDocument). Set above the drift of healthy services still
    /// settling in an 8-minute soak on a busy machine (up to about 40 KiB per document), so a healthy soak passes.
    /// </summary>
    public double LeakFloorKiBPerDocument { get; set; } = 64;
    /// <summary>
    /// The same floor for services that export their live heap after full collections (the contract's optional
    /// <c>pipeline_gc_live_heap_after_full_collection_bytes</c>), which does not drift as resident memory does:
    /// growth of a bounded cache still filling is accepted below it.
    /// </summary>
    public double LiveHeapLeakFloorKiBPerDocument { get; set; } = 2;
    /// <summary>From the start of the load, samples left out of the per-document fit: fresh services' memory rises for minutes as their heaps settle, whatever they keep.</summary>
    public int LeakSettleSeconds { get; set; } = 180;
    /// <summary>Length of the windows whose lowest memory (after a collection) the per-document fit uses; a soak has many, the 20 s gate too few to judge.</summary>
    public double LeakWindowSeconds { get; set; } = 10;
    public int MaxOpenFiles { get; set; } = 1000;
    /// <summary>Connections to the pipeline's database never above this (Npgsql's pool holds at most 100 per service).</summary>
    public int MaxDatabaseConnections { get; set; } = 100;
}

public sealed class DatabaseLimits
{
    /// <summary>Documents uploaded at once for the workers to race on.</summary>
    public int BacklogDocuments { get; set; } = 24;
    /// <summary>Claim slots racing on the backlog (workers × jobs per worker; at least 8).</summary>
    public int ClaimSlots { get; set; } = 8;
    /// <summary>Mean claim time plus 1.645 σ (pg_stat_statements keeps no percentiles) must stay under this.</summary>
    public double ClaimP95Milliseconds { get; set; } = 100;
    /// <summary>Sequential scans on the queue after warm-up allowed per claim (the planner may scan a tiny table).</summary>
    public double SequentialScansPerClaim { get; set; } = 0.5;
}
