using System.Text.Json;
using MockLlamaParse.Parsing;
using Mocks.Tests.Support;

namespace Mocks.Tests.LlamaParse;

/// <summary>A job's pages go to its page file as they are extracted, and every result shape is written back from it.</summary>
public sealed class PageFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("page-file-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Extraction_appends_each_page_to_the_file_and_counts_them()
    {
        var pages = PageFile.Create(Path.Combine(_folder.FullName, "pages.jsonl"));

        var (document, failure) = PdfTextExtractor.Extract(TestPdf.WithPages("Fire cover applies.", "Flood is excluded.", "Glass is covered."), pages);

        failure.Should().BeNull();
        document!.PageCount.Should().Be(3);
        File.ReadLines(pages.Path).Should().HaveCount(3, "one line per page, nothing held back in memory");
        var read = await document.Pages.ReadAsync().ToListAsync(TestContext.Current.CancellationToken);
        read.Select(page => page.Number).Should().Equal(1, 2, 3);
        read[1].Text.Should().Contain("Flood is excluded.");
    }

    [Fact]
    public async Task Every_result_shape_is_written_from_the_page_file()
    {
        var pages = PageFile.Create(Path.Combine(_folder.FullName, "pages.jsonl"));
        // Line ends, quotes and non-ASCII inside a page must survive the one-line-per-page file.
        pages.Append(new ParsedPage(1, "  Policy \"A\"\nline two  "));
        pages.Append(new ParsedPage(2, " \n "));
        pages.Append(new ParsedPage(3, "Prämie 5 €"));
        var document = new ParsedDocument(pages, 3);

        using var output = new MemoryStream();
        await ResultJson.WriteObjectAsync(output,
            ("markdown", ResultJson.Markdown(document)),
            ("text", ResultJson.Text(document)),
            ("pages", ResultJson.Pages(document)),
            ("job_metadata", ResultJson.Value(new { job_pages = 3 })));
        var result = JsonDocument.Parse(output.ToArray()).RootElement;

        result.GetProperty("markdown").GetString().Should().Be("Policy \"A\"\nline two\n---\nNO_CONTENT_HERE\n---\nPrämie 5 €");
        result.GetProperty("text").GetString().Should().Be("Policy \"A\"\nline two\n---\n\n---\nPrämie 5 €");
        var json = result.GetProperty("pages").EnumerateArray().ToList();
        json.Select(page => page.GetProperty("page").GetInt32()).Should().Equal(1, 2, 3);
        json[0].GetProperty("text").GetString().Should().Be("  Policy \"A\"\nline two  ");
        json[1].GetProperty("md").GetString().Should().Be(ParsedPage.NoContent);
        json[2].GetProperty("images").GetArrayLength().Should().Be(0);
        result.GetProperty("job_metadata").GetProperty("job_pages").GetInt32().Should().Be(3);
    }
}
