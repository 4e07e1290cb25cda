using Pipeline.TestKit;

namespace Acceptance.Support.TestData;

/// <summary>The unacceptable uploads scenarios can name, each a real file from the test kit's hostile set.</summary>
public static class BadUploads
{
    /// <summary>The phrases as a regular expression alternation, for the {badUpload} parameter type.</summary>
    public const string Pattern = @"(an empty file|a truncated PDF|a password-protected PDF|a text file named like a PDF|a PDF over the size limit|a PDF named ""[^""]+"")";

    public static BadUpload Named(string phrase) => phrase switch
    {
        "an empty file" => new(phrase, TestDocuments.Get("empty.pdf")),
        "a truncated PDF" => new(phrase, TestDocuments.Get("truncated.pdf")),
        "a password-protected PDF" => new(phrase, TestDocuments.Get("encrypted.pdf")),
        "a text file named like a PDF" => new(phrase, TestDocuments.Get("not-a-pdf.pdf")),
        "a PDF over the size limit" => new(phrase, TestDocuments.Get("oversized.pdf")),
        _ when phrase.StartsWith("a PDF named \"", StringComparison.Ordinal) =>
            new(phrase, TestDocuments.Get("simulated_insurance_document.pdf"), FileName: phrase["a PDF named \"".Length..^1]),
        _ => throw new ArgumentException($"No bad upload is called '{phrase}'.", nameof(phrase)),
    };
}

/// <summary>A file to upload, possibly under a different name than its own.</summary>
public sealed record BadUpload(string Description, TestDocument Document, string? FileName = null)
{
    public string UploadName => FileName ?? Document.FileName;
}
