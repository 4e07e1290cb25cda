using Acceptance.Support.Control;

namespace Acceptance.Support.Contexts;

/// <summary>What a crash scenario needs to remember between steps.</summary>
public sealed class CrashContext
{
    public string? Holder { get; set; }
    /// <summary>The stage in which the holder was caught, for naming the fault.</summary>
    public string? HeldIn { get; set; }
    public Upload? Reference { get; set; }
    public GracefulStop? GracefulStop { get; set; }
    /// <summary>When the suite asked the holder to stop (the suite's clock, which on the target's host is the database's too).</summary>
    public DateTimeOffset? StopAskedAt { get; set; }
}
