using Acceptance.Support.Drivers;

namespace Acceptance.Support.Contexts;

/// <summary>The fault this scenario injected: what, when it began and ended, and what the suite saw meanwhile.</summary>
public sealed class FaultWindow
{
    public string Failure { get; private set; } = "";
    public DateTimeOffset? Began { get; private set; }
    public DateTimeOffset? Ended { get; private set; }
    public List<Health> ReadinessSeen { get; } = [];
    /// <summary>The wait a rate-limited provider asked for, when that is the fault.</summary>
    public TimeSpan? RetryAfter { get; set; }

    public void Begin(string failure)
    {
        Failure = failure;
        Began = DateTimeOffset.UtcNow;
    }

    public void End() => Ended = DateTimeOffset.UtcNow;

    /// <summary>For a fault that switches itself off after a while (e.g. "for 4 seconds").</summary>
    public void EndsAfter(TimeSpan duration) => Ended = Began!.Value + duration;

    /// <summary>When the suite itself saw the pipeline notice the fault (e.g. readiness turning 503), if it watched.</summary>
    public DateTimeOffset? NoticedAt { get; set; }
}
