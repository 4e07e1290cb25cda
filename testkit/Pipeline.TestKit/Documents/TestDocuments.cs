using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Pipeline.TestKit.Documents;

namespace Pipeline.TestKit;

/// <summary>
/// The catalogue of deterministic test documents: realistic ones the pipeline must take through every
/// stage, and hostile ones it must reject. Each is generated on first use and kept for the process.
/// </summary>
public static class TestDocuments
{
    public const string InsurancePolicy = "simulated_insurance_document.pdf";
    public const string ScannedPlan = "scan_classic_hmo_parsed.pdf";
    public const string ClaimsHandbook = "claims_handbook_2025.pdf";
    public const string PolicySchedule = "policy_schedule_NMI-HO-2025-004417.pdf";
    public const string BenefitsSummary = "summary_of_benefits_classic_hmo.pdf";
    public const string ImageOnlyScan = "faxed_claim_form_no_text.pdf";
    public const string Empty = "empty.pdf";
    public const string Truncated = "truncated.pdf";
    public const string Encrypted = "encrypted.pdf";
    public const string NotAPdf = "not-a-pdf.pdf";
    public const string Oversized = "oversized.pdf";
    public const string PathTraversal = "../../etc/passwd.pdf";
    public const string UnicodeName = "Versicherungspolice_Übersicht_保险.pdf";
    public const string ControlCharacters = "ocr_claim_letter_control_characters.pdf";

    /// <summary>The password of <see cref="Encrypted"/>, for tests that must open it anyway.</summary>
    public const string EncryptedPassword = "claims-2025";

    /// <summary>The oversized document is larger than this (the pipeline's default upload limit is 10 MiB).</summary>
    public const long OversizedMinimumBytes = 11L * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, Lazy<TestDocument>> Cache = new(StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, Func<TestDocument>> Recipes = new Dictionary<string, Func<TestDocument>>(StringComparer.Ordinal)
    {
        [InsurancePolicy] = () => Readable(InsurancePolicy,
            "A one-page homeowners policy declarations page (about 2 KB, standard font, nothing embedded).",
            DocumentGenerators.SmallPolicy("Homeowners Policy NMI-HO-2025-004417", DocumentWording.InsurancePolicy),
            pages: 1, snippet: "Homeowners Insurance Policy"),
        [ScannedPlan] = () => Readable(ScannedPlan,
            "A 120-page scanned Classic HMO evidence of coverage (about 2.5 MB): page images with an OCR text layer.",
            DocumentGenerators.ScannedPlan("Classic HMO Plan", pages: 120, speckleEvery: 19),
            pages: 120, snippet: "primary care physician"),
        [ClaimsHandbook] = () => Readable(ClaimsHandbook,
            "A 5-page claims handbook typeset in DejaVu Sans (embedded font subset).",
            DocumentGenerators.TypesetDocument("Claims Handbook 2025", pages: 5, DocumentWording.HandbookSentences),
            pages: 5, snippet: "adjuster will contact the policyholder"),
        [PolicySchedule] = () => Readable(PolicySchedule,
            "A 3-page policy schedule typeset in DejaVu Sans.",
            DocumentGenerators.TypesetDocument("Policy Schedule NMI-HO-2025-004417", pages: 3, DocumentWording.HandbookSentences),
            pages: 3, snippet: "Policy Schedule NMI-HO-2025-004417"),
        [BenefitsSummary] = () => Readable(BenefitsSummary,
            "An 8-page summary of benefits and coverage typeset in DejaVu Sans.",
            DocumentGenerators.TypesetDocument("Summary of Benefits - Classic HMO", pages: 8, DocumentWording.PlanSentences),
            pages: 8, snippet: "out-of-pocket maximum"),
        [ImageOnlyScan] = () => Readable(ImageOnlyScan,
            "A 2-page faxed claim form scanned without OCR: a valid PDF whose pages are images only, so it has no text to parse.",
            new GeneratedPdf(DocumentGenerators.ImageOnlyScan("Faxed claim form", pages: 2), Wording: ""), pages: 2, snippet: ""),
        [Empty] = () => Rejected(Empty, "A zero-byte file.", [], "empty-file"),
        [Truncated] = () => Rejected(Truncated, "The first half of the claims handbook: no cross-reference table, no trailer.",
            Get(ClaimsHandbook).Bytes[..(Get(ClaimsHandbook).Bytes.Length / 2)], "corrupt-document"),
        [Encrypted] = () => Rejected(Encrypted, $"A one-page PDF with a user password ('{EncryptedPassword}').",
            DocumentGenerators.Encrypted("Confidential claim settlement", EncryptedPassword), "encrypted-document"),
        [NotAPdf] = () => Rejected(NotAPdf, "Plain text with a .pdf name.",
            Encoding.UTF8.GetBytes("Meeting notes: renewal figures attached separately.\nThis file is plain text, not a PDF.\n"),
            "unsupported-type"),
        [Oversized] = () => Rejected(Oversized, "A valid one-page PDF above 11 MiB (a large incompressible photograph).",
            DocumentGenerators.Oversized("Site survey photograph", OversizedMinimumBytes), "file-too-large", pages: 1,
            snippet: "High resolution site survey photograph"),
        [PathTraversal] = () => Rejected(PathTraversal, "A valid PDF whose file name tries to escape the storage folder.",
            DocumentGenerators.SmallPolicy("Policy copy", DocumentWording.InsurancePolicy[..6]).Bytes, "invalid-filename", pages: 1,
            snippet: "Homeowners Insurance Policy"),
        [UnicodeName] = () => Readable(UnicodeName, "A valid German policy overview whose file name has umlauts and Chinese characters.",
            DocumentGenerators.SmallPolicy("Versicherungspolice Übersicht",
            [
                "Versicherungspolice - Übersicht",
                "Versicherungsnehmerin: Dana Weiß, Größenweg 5, München",
                "Gebäudeversicherung: Versicherungssumme 350.000 EUR",
                "Selbstbeteiligung je Schadenfall: 500 EUR",
            ]),
            pages: 1, snippet: "Gebäudeversicherung"),
        [ControlCharacters] = () => Readable(ControlCharacters,
            "A one-page claim letter whose text layer carries NUL and other control characters, as OCR engines and " +
            "broken font encodings leave them in real documents; PostgreSQL refuses a NUL in text.",
            DocumentGenerators.SmallPolicy("Claim acknowledgement letter", DocumentWording.ControlCharacterLetter),
            pages: 1, snippet: "Claim reference NMI-CL-2025-0193"),
    };

    /// <summary>Names of every document, realistic ones first.</summary>
    public static IReadOnlyList<string> Names { get; } = Recipes.Keys.ToList();

    /// <summary>Every document (generates any not yet generated, including the 11 MiB one).</summary>
    public static IReadOnlyList<TestDocument> All => Names.Select(Get).ToList();

    /// <summary>The documents a correct pipeline takes through every stage.</summary>
    public static IReadOnlyList<TestDocument> Valid => All.Where(d => d.ExpectedErrorKey is null).ToList();

    /// <summary>The documents a correct pipeline rejects at upload.</summary>
    public static IReadOnlyList<TestDocument> Hostile => All.Where(d => d.ExpectedErrorKey is not null).ToList();

    /// <summary>The document called <paramref name="name"/>, generated once per process.</summary>
    public static TestDocument Get(string name)
    {
        if (!Recipes.TryGetValue(name, out var recipe))
            throw new ArgumentException($"No test document named '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
        return Cache.GetOrAdd(name, _ => new Lazy<TestDocument>(recipe)).Value;
    }

    /// <summary>
    /// <paramref name="count"/> distinct one-page policies (each its own policy number and holder), for
    /// workload scenarios that need many documents none of which duplicates another.
    /// </summary>
    public static IReadOnlyList<TestDocument> PolicyBatch(int count) =>
        Enumerable.Range(1, count)
            .Select(n => Cache.GetOrAdd($"batch-policy:{n}", _ => new Lazy<TestDocument>(() => BatchPolicy(n))).Value)
            .ToList();

    /// <summary>Generates <paramref name="name"/> afresh, bypassing the cache (for determinism checks).</summary>
    public static TestDocument Regenerate(string name) =>
        Recipes.TryGetValue(name, out var recipe) ? recipe() : throw new ArgumentException($"No test document named '{name}'.", nameof(name));

    private static TestDocument BatchPolicy(int n)
    {
        string[] holders = ["Dana Whitfield", "Ravi Menon", "Mei Lin Chen", "Oskar Lindqvist", "Amara Okafor", "Lucía Fernández"];
        var policyNumber = $"NMI-HO-2025-{4417 + n:D6}";
        var lines = new[] { $"Policy number {policyNumber}", $"Named insured: {holders[(n - 1) % holders.Length]} (batch copy {n})" }
            .Concat(DocumentWording.InsurancePolicy).ToArray();
        return Readable($"homeowners_policy_{policyNumber}.pdf", $"One-page homeowners policy {policyNumber} of a workload batch.",
            DocumentGenerators.SmallPolicy($"Homeowners Policy {policyNumber}", lines), pages: 1, snippet: policyNumber);
    }

    private static TestDocument Readable(string name, string description, GeneratedPdf pdf, int pages, string snippet) =>
        new(name, pdf.Bytes, description, pages, Sha256(pdf.Bytes)) { ExpectedTextSnippet = snippet, Wording = pdf.Wording };

    private static TestDocument Rejected(string name, string description, byte[] bytes, string errorKey, int pages = 0, string snippet = "") =>
        new(name, bytes, description, pages, Sha256(bytes)) { ExpectedErrorKey = errorKey, ExpectedTextSnippet = snippet };

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
