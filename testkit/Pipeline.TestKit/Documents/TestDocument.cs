namespace Pipeline.TestKit;

/// <summary>A generated test document: its file name as uploaded, its exact bytes and what to expect of it.</summary>
/// <param name="PageCount">Pages of a readable PDF; 0 for documents no parser can open.</param>
public sealed record TestDocument(string FileName, byte[] Bytes, string Description, int PageCount, string Sha256)
{
    /// <summary>A phrase text extraction must find; empty for documents that cannot be read.</summary>
    public string ExpectedTextSnippet { get; init; } = "";

    /// <summary>
    /// The text the document was written with, line by line in reading order: every word a parser must find, and
    /// nothing a parser added. Empty for documents without text and for those an upload must refuse.
    /// </summary>
    public string Wording { get; init; } = "";

    /// <summary>The error key an upload of this document must be rejected with; null when it must be accepted.</summary>
    public string? ExpectedErrorKey { get; init; }

    public long SizeBytes => Bytes.LongLength;

    public override string ToString() => $"{FileName} ({SizeBytes:N0} bytes, {PageCount} pages)";
}
