using Acceptance.Gate.BrowserTests;
using Microsoft.Playwright;

// usage: ReportScreenshots <report folder> <output folder>
// Writes <output>/readiness.png and <output>/living-documentation.png: the top of each page of the
// report folder as a stakeholder first sees it, in the browser tests' Chromium and window size.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ReportScreenshots <report folder> <output folder>   (use scripts/screenshots.sh)");
    return 3;
}
var (reportFolder, outputFolder) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
string[] pages = ["readiness.html", "living-documentation.html"];
var missing = pages.Where(page => !File.Exists(Path.Combine(reportFolder, page))).ToList();
if (missing.Count > 0)
{
    Console.Error.WriteLine($"{reportFolder} is not a gate report folder: it has no {string.Join(" or ", missing)}.");
    return 3;
}
if (!File.Exists(Browser.Chromium))
{
    Console.Error.WriteLine($"{Browser.Chromium} is not installed; scripts/setup.sh installs Debian's chromium.");
    return 2;
}

Directory.CreateDirectory(outputFolder);
var (playwright, browser) = await Browser.LaunchAsync();
using (playwright)
await using (browser)
{
    foreach (var page in pages)
    {
        var tab = await Browser.NewPageAsync(browser);
        await tab.GotoAsync(new Uri(Path.Combine(reportFolder, page)).AbsoluteUri);
        // Cucumber's page draws its feature list with script once loaded; the picture waits for it.
        if (page == "living-documentation.html")
            await tab.Locator("[data-accordion-component='AccordionItem']").First.WaitForAsync();
        var file = Path.Combine(outputFolder, Path.ChangeExtension(page, ".png"));
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        Console.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, file)} from {page}");
    }
}
return 0;
