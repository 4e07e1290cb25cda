using Acceptance.Support.Drivers;
using Pipeline.TestKit;

namespace Acceptance.Support.Contexts;

/// <summary>What this scenario uploaded, and what the pipeline answered each time.</summary>
public sealed class UploadedDocuments
{
    private readonly List<Upload> _uploads = [];

    public IReadOnlyList<Upload> All => _uploads;

    public Upload Last => _uploads.LastOrDefault() ?? throw new InvalidOperationException("No document was uploaded in this scenario yet.");

    public void Add(Upload upload) => _uploads.Add(upload);

    /// <summary>Uploads the pipeline accepted, one per document (a repeated upload names the same document).</summary>
    public IEnumerable<Upload> Accepted => _uploads.Where(u => u.Outcome.Accepted).DistinctBy(u => u.Outcome.DocumentId);
}

public sealed record Upload(string UserId, TestDocument Document, UploadOutcome Outcome);
