namespace Acceptance.Gate.Results;

/// <summary>
/// Something a scenario attached to the report. <see cref="JsonText"/> holds the decoded body of
/// JSON attachments only, for baseline collection; other bodies are not kept.
/// </summary>
public sealed record EvidenceAttachment(string? FileName, string MediaType, string? JsonText)
{
    /// <summary>Plain log lines (Reqnroll's output helper) are not evidence files.</summary>
    public bool IsLog => MediaType.StartsWith("text/x.cucumber.log", StringComparison.OrdinalIgnoreCase);

    public string DisplayName => FileName ?? MediaType;
}
