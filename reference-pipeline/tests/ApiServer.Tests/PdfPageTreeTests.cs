using System.IO.Compression;
using System.Text;
using ApiServer.Uploads.PdfStructure;
using FluentAssertions;
using Pipeline.TestKit;
using Pipeline.TestKit.Hostile;

namespace ApiServer.Tests;

/// <summary>
/// The page counter agrees with poppler's pdfinfo on real documents: TeX manuals with cross-reference and object
/// streams (the Debian packages scripts/setup.sh installs), the test kit's PDFsharp documents, incremental updates
/// and damaged cross-references; and it refuses page trees no reader can walk.
/// </summary>
public sealed class PdfPageTreeTests
{
    public static TheoryData<string> Manuals => new(
        "/usr/share/doc/octave/octave.pdf",          // octave-doc, 1,158 pages
        "/usr/share/R/doc/manual/fullrefman.pdf",    // r-doc-pdf, 2,415 pages
        "/usr/share/R/doc/manual/R-exts.pdf",        // r-doc-pdf
        "/usr/share/doc/libtasn1-doc/libtasn1.pdf"); // libtasn1-doc

    public static TheoryData<string> KitDocuments => new(TestDocuments.Valid.Select(document => document.FileName));

    [Theory]
    [MemberData(nameof(Manuals))]
    public async Task A_manual_has_as_many_pages_as_pdfinfo_finds(string manual)
    {
        if (!File.Exists(manual)) Assert.Skip($"{manual} is not on this machine (scripts/setup.sh installs the package that ships it)");
        await using var file = File.OpenRead(manual);
        PdfPageTree.Read(file).Should().Be(new PdfOutline(IsEncrypted: false, Pages: await PdfinfoPagesAsync(manual)));
    }

    [Theory]
    [MemberData(nameof(KitDocuments))]
    public async Task A_test_kit_document_has_as_many_pages_as_pdfinfo_finds(string name)
    {
        var document = TestDocuments.Get(name);
        PdfPageTree.Read(new MemoryStream(document.Bytes)).Pages.Should().Be(await PdfinfoPagesAsync(document.Bytes));
    }

    [Fact]
    public async Task An_incremental_update_that_adds_a_page_counts_it()
    {
        var updated = WithSecondPageAppended(HostilePdfs.Valid("update"));
        (await PdfinfoPagesAsync(updated)).Should().Be(2, "the update is valid");
        PdfPageTree.Read(new MemoryStream(updated)).Pages.Should().Be(2, "the newer cross-reference section wins over the older one");
    }

    [Fact]
    public async Task Pages_inside_an_object_stream_indexed_by_a_predicted_cross_reference_stream_are_counted()
    {
        var compact = CompactThreePagePdf();
        (await PdfinfoPagesAsync(compact)).Should().Be(3, "the compact file is valid");
        PdfPageTree.Read(new MemoryStream(compact)).Pages.Should().Be(3);
    }

    [Theory]
    [InlineData("wrong-xref-offsets")]
    [InlineData("no-xref-table")]
    public void A_damaged_cross_reference_is_rebuilt_from_the_objects(string damage)
    {
        var pdf = damage == "no-xref-table" ? HostilePdfs.NoXrefTable("x") : HostilePdfs.WrongXrefOffsets("x");
        PdfPageTree.Read(new MemoryStream(pdf)).Pages.Should().Be(1);
    }

    [Fact]
    public void The_leaves_are_counted_whatever_count_claims() =>
        PdfPageTree.Read(new MemoryStream(HostilePdfs.LyingPageCount())).Pages.Should().Be(1);

    [Fact]
    public void A_page_tree_that_loops_is_refused() =>
        FluentActions.Invoking(() => PdfPageTree.Read(new MemoryStream(HostilePdfs.PageTreeCycle())))
            .Should().Throw<MalformedPdfException>().WithMessage("*loops back*");

    [Fact]
    public void Values_nested_beyond_the_limit_are_refused_without_exhausting_the_stack() =>
        FluentActions.Invoking(() => PdfPageTree.Read(new MemoryStream(HostilePdfs.DeepArrayNesting(100_000))))
            .Should().Throw<MalformedPdfException>().WithMessage($"*nested more than {PdfSyntax.MaxNesting} deep*");

    [Fact]
    public void An_encrypted_document_is_recognised_by_its_trailer()
    {
        var encrypted = TestDocuments.Get(TestDocuments.Encrypted);
        PdfPageTree.Read(new MemoryStream(encrypted.Bytes)).IsEncrypted.Should().BeTrue();
    }

    /// <summary>An update section (7.5.6) that adds page 6 and rewrites the page tree 2 to hold it.</summary>
    private static byte[] WithSecondPageAppended(byte[] original)
    {
        var text = Encoding.Latin1.GetString(original);
        var previousXref = long.Parse(text[(text.LastIndexOf("startxref", StringComparison.Ordinal) + 9)..].Trim().Split('\n')[0]);
        var update = new StringBuilder();
        var pageAt = original.Length + update.Length;
        update.Append("6 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n");
        var treeAt = original.Length + update.Length;
        update.Append("2 0 obj\n<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>\nendobj\n");
        var xrefAt = original.Length + update.Length;
        update.Append($"xref\n2 1\n{treeAt:D10} 00000 n \n6 1\n{pageAt:D10} 00000 n \n");
        update.Append($"trailer\n<< /Size 7 /Root 1 0 R /Prev {previousXref} >>\nstartxref\n{xrefAt}\n%%EOF\n");
        return [.. original, .. Encoding.Latin1.GetBytes(update.ToString())];
    }

    /// <summary>
    /// Catalog, page tree and three pages inside object stream 6; the cross-reference a stream with the PNG "up"
    /// predictor, as Acrobat and qpdf write it (7.5.7, 7.5.8).
    /// </summary>
    private static byte[] CompactThreePagePdf()
    {
        string[] bodies =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ];
        var header = new StringBuilder();
        var objects = new StringBuilder();
        for (var i = 0; i < bodies.Length; i++)
        {
            header.Append($"{i + 1} {objects.Length} ");
            objects.Append(bodies[i]).Append('\n');
        }
        var content = Deflate(Encoding.Latin1.GetBytes(header.ToString() + objects));
        using var file = new MemoryStream();
        void Write(string text) => file.Write(Encoding.Latin1.GetBytes(text));
        Write("%PDF-1.5\n");
        var objectStreamAt = file.Position;
        Write($"6 0 obj\n<< /Type /ObjStm /N {bodies.Length} /First {header.Length} /Filter /FlateDecode /Length {content.Length} >>\nstream\n");
        file.Write(content);
        Write("\nendstream\nendobj\n");
        var xrefAt = file.Position;
        // Entries of 1 + 2 + 1 bytes: object 0 free, 1–5 in stream 6, 6 at its offset, 7 (this stream) at its own.
        var rows = new List<byte[]> { new byte[] { 0, 0, 0, 255 } };
        for (var i = 0; i < bodies.Length; i++) rows.Add([2, 0, 6, (byte)i]);
        rows.Add([1, (byte)(objectStreamAt >> 8), (byte)objectStreamAt, 0]);
        rows.Add([1, (byte)(xrefAt >> 8), (byte)xrefAt, 0]);
        var predicted = new List<byte>();
        var previous = new byte[4];
        foreach (var row in rows)
        {
            predicted.Add(2); // PNG "up": each byte minus the one above it
            for (var i = 0; i < 4; i++) predicted.Add((byte)(row[i] - previous[i]));
            previous = row;
        }
        var xref = Deflate([.. predicted]);
        Write($"7 0 obj\n<< /Type /XRef /Size 8 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length {xref.Length} >>\nstream\n");
        file.Write(xref);
        Write($"\nendstream\nendobj\nstartxref\n{xrefAt}\n%%EOF\n");
        return file.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }

    private static async Task<int> PdfinfoPagesAsync(byte[] pdf)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("page-count-").FullName, "document.pdf");
        try
        {
            await File.WriteAllBytesAsync(path, pdf, TestContext.Current.CancellationToken);
            return await PdfinfoPagesAsync(path);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>The page count poppler's pdfinfo reports (scripts/setup.sh installs poppler-utils).</summary>
    private static async Task<int> PdfinfoPagesAsync(string pdf)
    {
        var run = await ProcessRun.RunAsync("pdfinfo", [pdf], TimeSpan.FromMinutes(1));
        run.Succeeded.Should().BeTrue($"pdfinfo must read {pdf}: {run.Errors}");
        var line = run.Output.Split('\n').Single(line => line.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim());
    }
}
