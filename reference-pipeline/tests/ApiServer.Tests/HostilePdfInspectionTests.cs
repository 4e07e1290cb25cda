using ApiServer.Uploads;
using FluentAssertions;
using Pipeline.TestKit.Hostile;

namespace ApiServer.Tests;

/// <summary>PDFs made to hurt a reader: the inspector answers each with facts or a rejection, never a crash.</summary>
public sealed class HostilePdfInspectionTests
{
    public static TheoryData<string> Names => new(Hostile.Keys);

    private static readonly Dictionary<string, Func<byte[]>> Hostile = new()
    {
        ["valid"] = () => HostilePdfs.Valid("a"),
        ["wrong-xref-offsets"] = () => HostilePdfs.WrongXrefOffsets("a"),
        ["no-xref-table"] = () => HostilePdfs.NoXrefTable("a"),
        ["deep-arrays"] = () => HostilePdfs.DeepArrayNesting(100_000),
        ["deep-dictionaries"] = () => HostilePdfs.DeepDictionaryNesting(50_000),
        ["page-tree-cycle"] = HostilePdfs.PageTreeCycle,
        ["lying-page-count"] = HostilePdfs.LyingPageCount,
        ["zero-pages"] = HostilePdfs.ZeroPages,
        ["bomb"] = () => HostilePdfs.DecompressionBomb(200L * 1024 * 1024),
        ["javascript"] = () => HostilePdfs.WithJavaScript("a"),
        ["form"] = () => HostilePdfs.WithForm("a"),
        ["lying-stream-length"] = () => HostilePdfs.LyingStreamLength("a"),
        ["catalog-without-pages"] = HostilePdfs.CatalogWithoutPages,
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_hostile_pdf_gets_facts_or_a_rejection(string name)
    {
        var (facts, rejection) = PdfInspector.Inspect(Hostile[name]());
        TestContext.Current.SendDiagnosticMessage($"{name}: {(facts is null ? $"{rejection!.Key} {rejection.Message}" : $"{facts.PageCount} pages")}");
        (facts is null).Should().Be(rejection is not null);
        if (Refused.TryGetValue(name, out var key)) rejection!.Key.Should().Be(key);
        else facts.Should().NotBeNull("a valid document, however odd, is accepted");
    }

    private static readonly Dictionary<string, string> Refused = new()
    {
        ["deep-arrays"] = "corrupt-document",
        ["deep-dictionaries"] = "corrupt-document",
        ["page-tree-cycle"] = "corrupt-document",
        ["zero-pages"] = "corrupt-document",
        ["bomb"] = "corrupt-document",
        ["catalog-without-pages"] = "corrupt-document",
    };

    [Fact]
    public void Every_test_kit_document_stays_within_the_decompression_budget()
    {
        foreach (var document in Pipeline.TestKit.TestDocuments.Valid)
            DecompressionGuard.ExpandsBeyondLimit(document.Bytes).Should().BeFalse(document.FileName);
        DecompressionGuard.ExpandsBeyondLimit(HostilePdfs.DecompressionBomb(200L * 1024 * 1024)).Should().BeTrue();
    }
}
