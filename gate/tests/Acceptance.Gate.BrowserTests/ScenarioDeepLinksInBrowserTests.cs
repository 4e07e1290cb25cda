using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;
using FluentAssertions;
using Microsoft.Playwright;

namespace Acceptance.Gate.BrowserTests;

/// <summary>
/// A scenario's link on the readiness page opens that scenario in the living documentation: its
/// feature alone, expanded, the scenario in view and marked; a skipped scenario says why it was
/// skipped, in words, without xUnit's skip exception.
/// </summary>
[Collection(BrowserSession.Collection)]
public sealed class ScenarioDeepLinksInBrowserTests(BrowserSession session) : IAsyncLifetime
{
    private FixtureRun _run = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(session.Browser is not null, session.SkipReason ?? "");
        _run = session.Run!;
        _page = await Browser.NewPageAsync(session.Browser!);
    }

    [Fact]
    public async Task A_failed_scenarios_link_opens_that_scenario_alone_expanded_with_its_error()
    {
        var scenario = Scenario("A failing step skips the steps after it", ScenarioOutcome.Failed);
        await OpenAsync(ReadinessHtmlWriter.FileName);

        await _page.Locator("#failures a.scenario", new() { HasText = scenario.Name }).ClickAsync();

        _page.Url.Should().EndWith($"{LivingDocumentation.FileName}#scenario={scenario.File}:{scenario.Line}");
        var marked = await ExpectOnlyScenarioShownAsync(scenario);
        await Assertions.Expect(marked.Locator("h2")).ToContainTextAsync(scenario.Name);
        await Assertions.Expect(marked.GetByText("the counter reads 2")).ToBeVisibleAsync();
        await Assertions.Expect(marked.GetByText("Assert.Equal() Failure", new() { Exact = false })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_outline_rows_link_marks_that_example_row()
    {
        var rows = _run.Report.Scenarios.Where(s => s.File.EndsWith("Outlines.feature", StringComparison.Ordinal)).ToList();
        var second = rows[1];

        await OpenAsync(ScenarioDeepLinks.To(second));

        var marked = await ExpectOnlyScenarioShownAsync(second);
        await Assertions.Expect(marked.Locator("h3").First).ToHaveTextAsync("#1.2");
        await Assertions.Expect(marked.GetByText("the counter reads 5")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_skipped_scenario_shows_the_reason_it_was_skipped_not_a_stack_trace()
    {
        var scenario = Scenario("A scenario can be skipped at run time", ScenarioOutcome.Skipped);

        await OpenAsync(ScenarioDeepLinks.To(scenario));

        var marked = await ExpectOnlyScenarioShownAsync(scenario);
        await Assertions.Expect(marked.Locator("h2")).ToContainTextAsync(scenario.Name);
        await Assertions.Expect(marked.GetByText("needs OPENAI_API_KEY, which is not configured", new() { Exact = true })).ToBeVisibleAsync();
        var text = await _page.Locator("body").InnerTextAsync();
        text.Should().NotContain("SkipException").And.NotContain("XunitDynamicSkip").And.NotContain("   at ");
    }

    [Fact]
    public async Task A_link_to_no_scenario_of_the_report_says_so_and_showing_every_feature_lists_them_again()
    {
        var ignored = Scenario("An ignored scenario is skipped", ScenarioOutcome.Skipped);

        await OpenAsync(ScenarioDeepLinks.To(ignored with { Line = 999 }));

        var notice = _page.Locator("#deep-link");
        await Assertions.Expect(notice).ToContainTextAsync("is not in this report: no scenario of this run is at that line");
        await notice.GetByRole(AriaRole.Link, new() { Name = "Show every feature" }).ClickAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        foreach (var file in FeatureFiles())
            await Assertions.Expect(_page.GetByText(file, new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Searching_leaves_the_one_scenario_view()
    {
        var scenario = Scenario("A failing step skips the steps after it", ScenarioOutcome.Failed);
        await OpenAsync(ScenarioDeepLinks.To(scenario));
        await ExpectOnlyScenarioShownAsync(scenario);

        await _page.GetByPlaceholder("Search with text or @tags").FillAsync("counter");

        await Assertions.Expect(_page.Locator("#deep-link")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.Locator("section.deep-linked")).ToHaveCountAsync(0);
        _page.Url.Should().NotContain("#scenario=");
    }

    /// <summary>The scenario's feature is the only one listed, expanded; one section (the scenario, or an outline's row) is marked and in view.</summary>
    private async Task<ILocator> ExpectOnlyScenarioShownAsync(ScenarioReport scenario)
    {
        var marked = _page.Locator("section.deep-linked");
        await Assertions.Expect(marked).ToHaveCountAsync(1);
        await Assertions.Expect(marked).ToBeInViewportAsync();
        await Assertions.Expect(_page.GetByText(scenario.File, new() { Exact = true })).ToBeVisibleAsync();
        foreach (var other in FeatureFiles().Where(f => f != scenario.File))
            await Assertions.Expect(_page.GetByText(other, new() { Exact = true })).ToBeHiddenAsync();
        return marked;
    }

    private ScenarioReport Scenario(string name, ScenarioOutcome outcome)
    {
        var scenario = _run.Report.Scenarios.Single(s => s.Name == name);
        scenario.Outcome.Should().Be(outcome, "the fixture run has it so");
        return scenario;
    }

    private IEnumerable<string> FeatureFiles() => _run.Report.Scenarios.Where(s => s.Outcome != ScenarioOutcome.NotRun).Select(s => s.File).Distinct();

    /// <summary>Opens a link of the report folder, e.g. "living-documentation.html#scenario=…".</summary>
    private async Task OpenAsync(string link)
    {
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var (file, fragment) = hash < 0 ? (link, "") : (link[..hash], link[hash..]);
        await _page.GotoAsync(new Uri(_run.PathOf(file)).AbsoluteUri + fragment);
        await _page.WaitForLoadStateAsync(LoadState.Load);
    }

    public async ValueTask DisposeAsync()
    {
        if (_page is not null)
            await _page.CloseAsync();
    }
}
