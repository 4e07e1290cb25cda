using Acceptance.Gate.Criteria;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;
using FluentAssertions;
using Microsoft.Playwright;

namespace Acceptance.Gate.BrowserTests;

/// <summary>
/// A stakeholder opens readiness.html and the living documentation of a real run in Chromium:
/// the verdict is the first thing on both pages, every criterion, feature and failed scenario is
/// there, the links between them resolve, and attachments open.
/// </summary>
[Collection(BrowserSession.Collection)]
public sealed class ReadinessPagesInBrowserTests(BrowserSession session) : IAsyncLifetime
{
    private FixtureRun _run = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(session.Browser is not null, session.SkipReason ?? "");
        _run = session.Run!;
        _page = await BrowserTests.Browser.NewPageAsync(session.Browser!);
    }

    [Fact]
    public async Task The_readiness_page_shows_the_verdict_first_then_every_criterion_and_failure()
    {
        await OpenAsync(ReadinessHtmlWriter.FileName);

        var verdict = _page.Locator("#verdict");
        (await verdict.InnerTextAsync()).Should().StartWith("✘ NOT READY");
        (await verdict.BoundingBoxAsync())!.Y.Should().BeLessThan(150, "the verdict is what a reader sees first");
        var reasons = await verdict.TextContentAsync();
        foreach (var reason in _run.Report.Reasons)
            reasons.Should().Contain(reason);
        await verdict.GetByText("more reason(s)").ClickAsync();
        await Assertions.Expect(verdict.GetByText(_run.Report.Reasons[^1], new() { Exact = true })).ToBeVisibleAsync();

        foreach (var criterion in Phase4Criteria.All)
            await Assertions.Expect(_page.Locator($"#criteria tr[data-criterion='{criterion.Id}']")).ToBeVisibleAsync();
        var failed = _run.Report.Scenarios.Where(s => s.Outcome == ScenarioOutcome.Failed).ToList();
        failed.Should().NotBeEmpty("the fixture run has failing scenarios");
        foreach (var scenario in failed)
            await Assertions.Expect(_page.Locator("#failures a.scenario", new() { HasText = scenario.Name })).ToBeVisibleAsync();

        await ScreenshotAsync("readiness.png");
    }

    [Fact]
    public async Task Every_link_on_the_readiness_page_resolves()
    {
        await OpenAsync(ReadinessHtmlWriter.FileName);

        var targets = await _page.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
        targets.Should().NotBeEmpty();
        foreach (var target in targets.Distinct())
        {
            var file = new Uri(target).LocalPath;
            File.Exists(file).Should().BeTrue($"the link {target} must open a file of the run folder");
        }
    }

    [Fact]
    public async Task The_living_documentation_states_the_verdict_above_its_own_headline_and_lists_every_feature()
    {
        await OpenAsync(LivingDocumentation.FileName);

        var banner = _page.Locator("#gate-verdict");
        await Assertions.Expect(banner).ToContainTextAsync("NOT READY");
        var headline = _page.GetByText("passed", new() { Exact = false }).First;
        (await banner.BoundingBoxAsync())!.Y.Should().BeLessThan((await headline.BoundingBoxAsync())!.Y);
        foreach (var file in _run.Inventory.Scenarios.Select(s => s.File).Distinct())
            await Assertions.Expect(_page.GetByText(file, new() { Exact = true })).ToBeVisibleAsync();

        await banner.GetByRole(AriaRole.Link, new() { Name = "Readiness report" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#verdict")).ToContainTextAsync("NOT READY");
        await OpenAsync(LivingDocumentation.FileName);
        await ScreenshotAsync("living-documentation.png");
    }

    [Fact]
    public async Task Attachments_open_in_the_living_documentation()
    {
        await OpenAsync(LivingDocumentation.FileName);
        await _page.GetByText("Features/Attachments.feature", new() { Exact = true }).ClickAsync();

        await _page.GetByText("counter.json", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(_page.GetByText(new System.Text.RegularExpressions.Regex("\"counter\":\\s*7"))).ToBeVisibleAsync();
        await _page.GetByText("counter.png", new() { Exact = true }).ClickAsync();
        var picture = _page.Locator("img[src^='data:image/png']").First;
        await Assertions.Expect(picture).ToBeVisibleAsync();
        (await picture.EvaluateAsync<int>("img => img.naturalWidth")).Should().BeGreaterThan(0, "the attached picture decodes");
    }

    private async Task OpenAsync(string file)
    {
        await _page.GotoAsync(new Uri(_run.PathOf(file)).AbsoluteUri);
        await _page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>What a stakeholder sees first, kept with the test results (scripts/screenshots.sh takes the README's from a real run).</summary>
    private async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var bytes = await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name) });
        bytes.Length.Should().BeGreaterThan(0);
    }

    public async ValueTask DisposeAsync()
    {
        if (_page is not null)
            await _page.CloseAsync();
    }
}

/// <summary>One browser and the fixture runs for all the page tests: starting Chromium is the slow part.</summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string Collection = "browser";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }
    internal FixtureRun? Run { get; private set; }

    /// <summary>The same pages stating the usual run without keys: nothing failed, the three real-API criteria not verified.</summary>
    internal FixtureRun? RunWithoutKeys { get; private set; }
    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserTests.Browser.Chromium))
        {
            SkipReason = $"{BrowserTests.Browser.Chromium} is not installed; scripts/setup.sh installs Debian's chromium for this test.";
            return;
        }
        Run = await FixtureRun.WriteAsync();
        RunWithoutKeys = await FixtureRun.WriteAsync(Tests.RunWithoutKeys.Report());
        (_playwright, Browser) = await BrowserTests.Browser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Run is not null)
            await Run.DisposeAsync();
        if (RunWithoutKeys is not null)
            await RunWithoutKeys.DisposeAsync();
    }
}

[CollectionDefinition(BrowserSession.Collection)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSession>;
