namespace Acceptance.Support.Contexts;

/// <summary>The fault this scenario injected: what, when it began and ended, and what the suite saw meanwhile.</summary>
public sealed class FaultWindow
{
    public string Failure { get; private set; } = "";
    public DateTimeOffset? Began { get; private set; }
    public DateTimeOffset? Ended { get; private set; }
    public List<int> ReadinessSeen { get; } = [];
    /// <summary>The wait a rate-limited provider asked for, when that is the fault.</summary>
    public TimeSpan? RetryAfter { get; set; }

    public void Begin(string failure)
    {
        Failure = failure;
        Began = DateTimeOffset.UtcNow;
    }

    public void End() => Ended = DateTimeOffset.UtcNow;
}
