using System.IO.Compression;
using MockLlamaParse.Parsing;
using Pipeline.TestKit;

namespace Mocks.Tests.LlamaParse;

/// <summary>
/// The mock parser keeps the words of real typeset documents apart as poppler's pdftotext does. The manuals are
/// TeX output with justified lines, whose words are separated by gaps, not space characters: read letter by letter
/// they come out glued (a third fewer words than pdftotext on the bzip2 manual). scripts/setup.sh installs the
/// packages that ship them and poppler-utils.
/// </summary>
public sealed class WordSpacingTests
{
    /// <summary>How far the mock's word count may be from pdftotext's on the same file.</summary>
    private const double MaxWordCountDifference = 0.02;

    public static TheoryData<string> Manuals => new(
        "/usr/share/doc/bzip2/manual.pdf.gz",        // bzip2-doc
        "/usr/share/doc/libtasn1-doc/libtasn1.pdf"); // libtasn1-doc

    [Theory]
    [MemberData(nameof(Manuals))]
    public async Task A_typeset_manual_has_as_many_words_as_pdftotext_finds(string manual)
    {
        if (!File.Exists(manual)) Assert.Skip($"{manual} is not on this machine (scripts/setup.sh installs the package that ships it)");
        var pdf = Path.Combine(Directory.CreateTempSubdirectory("word-spacing-").FullName, Path.GetFileName(manual).Replace(".gz", ""));
        try
        {
            await File.WriteAllBytesAsync(pdf, await PdfBytesAsync(manual), TestContext.Current.CancellationToken);
            var poppler = await PdftotextWordsAsync(pdf);
            var (document, failure) = PdfTextExtractor.Extract(await File.ReadAllBytesAsync(pdf, TestContext.Current.CancellationToken),
                PageFile.Create(Path.Combine(Path.GetDirectoryName(pdf)!, "pages.jsonl")));
            failure.Should().BeNull();
            var pages = await document!.Pages.ReadAsync().ToListAsync(TestContext.Current.CancellationToken);
            var mock = Words(string.Join("\n", pages.Select(page => page.Text)));

            var figures = $"{Path.GetFileName(pdf)}: mock {mock} words, pdftotext {poppler} ({(mock - poppler) * 100.0 / poppler:+0.00;-0.00} %)";
            TestContext.Current.TestOutputHelper?.WriteLine(figures);
            TestContext.Current.SendDiagnosticMessage(figures);
            poppler.Should().BeGreaterThan(1000, "a manual has many words");
            Math.Abs(mock - poppler).Should().BeLessThanOrEqualTo((int)(poppler * MaxWordCountDifference),
                "the mock finds {0} words where pdftotext finds {1}: glued words make fewer, split ones more", mock, poppler);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(pdf)!, recursive: true);
        }
    }

    private static async Task<byte[]> PdfBytesAsync(string manual)
    {
        if (!manual.EndsWith(".gz", StringComparison.Ordinal)) return await File.ReadAllBytesAsync(manual);
        await using var unzip = new GZipStream(File.OpenRead(manual), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        await unzip.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private static async Task<int> PdftotextWordsAsync(string pdf)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => File.Exists(Path.Combine(folder, "pdftotext")));
        // The manual is here, so setup ran: without pdftotext beside it the comparison is missing, not inapplicable.
        onPath.Should().BeTrue("pdftotext must be installed where the manuals are (scripts/setup.sh installs poppler-utils)");
        var run = await ProcessRun.RunAsync("pdftotext", ["-q", "-enc", "UTF-8", pdf, "-"], TimeSpan.FromMinutes(2));
        run.Succeeded.Should().BeTrue($"pdftotext must read {pdf}: {run.Errors}");
        return Words(run.Output);
    }

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
