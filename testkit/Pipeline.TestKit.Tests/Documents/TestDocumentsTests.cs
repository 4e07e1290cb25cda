using FluentAssertions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Pipeline.TestKit.Tests.Documents;

public sealed class TestDocumentsTests
{
    public static TheoryData<string> ReadableNames => new(TestDocuments.Names.Where(n =>
        n is not (TestDocuments.Empty or TestDocuments.Truncated or TestDocuments.Encrypted or TestDocuments.NotAPdf)));

    [Fact]
    public void Generation_is_byte_identical_across_runs()
    {
        foreach (var name in new[] { TestDocuments.InsurancePolicy, TestDocuments.ClaimsHandbook, TestDocuments.Encrypted })
        {
            var cached = TestDocuments.Get(name);
            var regenerated = TestDocuments.Regenerate(name);
            regenerated.Bytes.Should().Equal(cached.Bytes, $"{name} must not depend on the clock or randomness");
            regenerated.Sha256.Should().Be(cached.Sha256);
        }
    }

    [Fact]
    public void The_catalogue_holds_the_promised_documents()
    {
        TestDocuments.Names.Should().Contain([
            "simulated_insurance_document.pdf", "scan_classic_hmo_parsed.pdf", "empty.pdf", "truncated.pdf",
            "encrypted.pdf", "not-a-pdf.pdf", "oversized.pdf", "../../etc/passwd.pdf", "Versicherungspolice_Übersicht_保险.pdf"]);
        TestDocuments.Names.Count(n => n.EndsWith(".pdf", StringComparison.Ordinal)).Should().Be(TestDocuments.Names.Count);
        var unknown = () => TestDocuments.Get("missing.pdf");
        unknown.Should().Throw<ArgumentException>().WithMessage("*missing.pdf*");
    }

    [Theory]
    [MemberData(nameof(ReadableNames))]
    public void Readable_documents_open_with_their_page_count_and_text(string name)
    {
        var document = TestDocuments.Get(name);

        using var pdf = PdfDocument.Open(document.Bytes);
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));

        pdf.NumberOfPages.Should().Be(document.PageCount);
        if (name == TestDocuments.ImageOnlyScan)
            text.Should().BeNullOrWhiteSpace("the faxed form is page images only, without a text layer");
        else
            text.Should().Contain(document.ExpectedTextSnippet);
        document.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Theory]
    [MemberData(nameof(ReadableNames))]
    public void A_document_s_wording_is_exactly_the_text_it_carries(string name)
    {
        var document = TestDocuments.Get(name);
        if (document.ExpectedErrorKey is null && name != TestDocuments.ImageOnlyScan)
            document.Wording.Should().NotBeNullOrWhiteSpace("a document the pipeline embeds says what it was written with");
        if (document.Wording.Length == 0) return;

        using var pdf = PdfDocument.Open(document.Bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));

        // Letters and digits only: PdfPig's page text runs lines together, and spacing is the parser's business.
        LettersAndDigits(text).Should().Be(LettersAndDigits(document.Wording), "the wording must be every word the PDF carries, in order, and no other");
    }

    private static string LettersAndDigits(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    [Fact]
    public void The_claim_letter_extracts_with_a_nul_and_other_control_characters()
    {
        using var pdf = PdfDocument.Open(TestDocuments.Get(TestDocuments.ControlCharacters).Bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));

        text.Should().Contain("\0", "PostgreSQL refuses this character in text; the pipeline must clean it");
        text.Should().Contain("\u0001").And.Contain("\u001B");
    }

    [Fact]
    public void The_insurance_policy_is_a_few_kilobytes()
    {
        TestDocuments.Get(TestDocuments.InsurancePolicy).SizeBytes.Should().BeInRange(1_000, 3_500, "PDFsharp always adds ~1.4 KB of XMP metadata to the ~1.8 KB document");
    }

    [Fact]
    public void The_scanned_plan_is_large_and_every_page_is_an_image()
    {
        var scan = TestDocuments.Get(TestDocuments.ScannedPlan);

        scan.PageCount.Should().BeGreaterThanOrEqualTo(100);
        scan.SizeBytes.Should().BeInRange(2_000_000, 3_200_000);
        using var pdf = PdfDocument.Open(scan.Bytes);
        pdf.GetPages().Should().OnlyContain(p => p.GetImages().Any());
    }

    [Fact]
    public void The_ordinary_documents_have_their_promised_page_counts()
    {
        TestDocuments.Get(TestDocuments.ClaimsHandbook).PageCount.Should().Be(5);
        TestDocuments.Get(TestDocuments.PolicySchedule).PageCount.Should().Be(3);
        TestDocuments.Get(TestDocuments.BenefitsSummary).PageCount.Should().Be(8);
    }

    [Fact]
    public void The_encrypted_document_needs_its_password()
    {
        var bytes = TestDocuments.Get(TestDocuments.Encrypted).Bytes;

        var openWithout = () => PdfDocument.Open(bytes);
        openWithout.Should().Throw<PdfDocumentEncryptedException>();
        using var opened = PdfDocument.Open(bytes, new ParsingOptions { Password = TestDocuments.EncryptedPassword });
        opened.GetPage(1).Text.Should().Contain("Confidential claim settlement");
    }

    [Fact]
    public void The_truncated_document_cannot_be_opened()
    {
        var truncated = TestDocuments.Get(TestDocuments.Truncated);

        truncated.Bytes.Should().StartWith("%PDF"u8.ToArray());
        var open = () => { using var pdf = PdfDocument.Open(truncated.Bytes); _ = pdf.GetPages().Count(); };
        open.Should().Throw<Exception>();
    }

    [Fact]
    public void The_hostile_documents_name_the_error_a_pipeline_must_answer()
    {
        TestDocuments.Get(TestDocuments.Empty).Bytes.Should().BeEmpty();
        TestDocuments.Get(TestDocuments.NotAPdf).Bytes.Take(4).Should().NotEqual("%PDF"u8.ToArray());
        TestDocuments.Get(TestDocuments.Oversized).SizeBytes.Should().BeGreaterThan(TestDocuments.OversizedMinimumBytes);
        TestDocuments.Hostile.Select(d => d.ExpectedErrorKey).Should().Contain(
            ["empty-file", "corrupt-document", "encrypted-document", "unsupported-type", "file-too-large", "invalid-filename"]);
        TestDocuments.Valid.Should().Contain(d => d.FileName == TestDocuments.UnicodeName);
    }
}
