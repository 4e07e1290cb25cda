using Acceptance.Support.Drivers;

namespace Acceptance.Support.Contexts;

/// <summary>The answer to the scenario's last attempt to read a document.</summary>
public sealed class ReadAttempt
{
    public ReadOutcome<DocumentView>? Document { get; set; }
    public ReadOutcome<JobView>? Job { get; set; }
}
