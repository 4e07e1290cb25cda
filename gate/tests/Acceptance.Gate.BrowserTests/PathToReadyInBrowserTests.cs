using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using FluentAssertions;
using Microsoft.Playwright;

namespace Acceptance.Gate.BrowserTests;

/// <summary>
/// A stakeholder opens the pages of a run without keys in a laptop's window: on both the readiness page and the living
/// documentation the verdict comes first, the path to READY right under it, both in view before any scrolling, and
/// the path names the command, the keys and the estimated cost of the run that can say READY.
/// </summary>
[Collection(BrowserSession.Collection)]
public sealed class PathToReadyInBrowserTests(BrowserSession session) : IAsyncLifetime
{
    private const string Headline = "NOT READY — 3 criteria not verified (they need the real APIs); nothing failed";

    private FixtureRun _run = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(session.Browser is not null, session.SkipReason ?? "");
        _run = session.RunWithoutKeys!;
        _page = await Browser.NewPageAsync(session.Browser!);
    }

    [Fact]
    public async Task On_the_readiness_page_the_verdict_and_the_path_to_READY_come_first()
    {
        await OpenAsync(ReadinessHtmlWriter.FileName);

        var headline = _page.Locator("#verdict .headline");
        await Assertions.Expect(headline).ToHaveTextAsync($"⚠ {Headline}");
        // Above the path only the page's links, its title, the headline and the verdict's one-line count.
        await ExpectFirstAsync(headline, "body > nav, body > h1, #verdict > p:not(.headline)");
    }

    [Fact]
    public async Task On_the_living_documentation_the_verdict_and_the_path_to_READY_come_first()
    {
        await OpenAsync(LivingDocumentation.FileName);
        // Cucumber's page draws its features with script once loaded: wait for them, so they are laid out when measured.
        await _page.Locator("[data-accordion-component='AccordionItem']").First.WaitForAsync();

        var headline = _page.Locator("#gate-verdict > strong").First;
        await Assertions.Expect(headline).ToHaveTextAsync($"⚠ {Headline}");
        (await _page.EvaluateAsync<string>("() => document.body.firstElementChild.id")).Should().Be("gate-verdict", "the banner opens the page");
        await ExpectFirstAsync(headline, "#gate-verdict > br");
    }

    /// <summary>
    /// The headline, then the path to READY under it, both wholly in the window, and every other element of the page
    /// (bar the path's own and <paramref name="allowedAbove"/>) at or below the path's bottom edge; the path names the
    /// command, the keys and the estimated cost.
    /// </summary>
    private async Task ExpectFirstAsync(ILocator headline, string allowedAbove)
    {
        var path = _page.Locator("#path-to-ready");
        await Assertions.Expect(headline).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(path).ToBeInViewportAsync(new() { Ratio = 1 });
        var headlineBox = (await headline.BoundingBoxAsync())!;
        var pathBox = (await path.BoundingBoxAsync())!;
        pathBox.Y.Should().BeGreaterThanOrEqualTo(headlineBox.Y + headlineBox.Height - 1, "the path comes right under the verdict");
        (pathBox.Y + pathBox.Height).Should().BeLessThanOrEqualTo(Browser.Window.Height, "the path is read without scrolling");

        // Every element of the page with a box: its top edge, and whether it may stand above the path (the path itself and
        // what holds it, the headline, and allowedAbove). Keys as the record's names, so they bind whatever the casing rules.
        var elements = await _page.EvaluateAsync<PlacedElement[]>("""
            allowedAbove => {
              const path = document.getElementById('path-to-ready');
              const headline = document.querySelector('#verdict .headline, #gate-verdict > strong');
              const allowed = [...document.querySelectorAll(allowedAbove)];
              const mayBeAbove = e => e.contains(path) || path.contains(e) || e.contains(headline) || headline.contains(e)
                                      || allowed.some(a => a.contains(e));
              return [...document.body.querySelectorAll('*')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
                .map(e => ({ Name: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.textContent ?? '').trim().slice(0, 40) + '"',
                             Top: e.getBoundingClientRect().top, MayBeAbove: mayBeAbove(e) }));
            }
            """, allowedAbove);
        var pathBottom = pathBox.Y + pathBox.Height;
        elements.Should().Contain(e => !e.MayBeAbove && e.Top >= pathBottom - 1, "the rest of the page follows the path");
        elements.Where(e => !e.MayBeAbove && e.Top < pathBottom - 1).Select(e => e.Name)
            .Should().BeEmpty("nothing but the verdict stands above the path to READY");

        var text = await path.InnerTextAsync();
        text.Should().StartWith("Path to READY")
            .And.Contain(PathToReady.RealApiGate)
            .And.Contain("LLAMA_CLOUD_API_KEY").And.Contain("OPENAI_API_KEY")
            .And.Contain("Estimated cost").And.Contain(Tests.RunWithoutKeys.EstimatedCost);
    }

    private async Task OpenAsync(string file)
    {
        await _page.GotoAsync(new Uri(_run.PathOf(file)).AbsoluteUri);
        await _page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>An element as the page script returns it (Playwright fills settable properties).</summary>
    private sealed class PlacedElement
    {
        public string Name { get; set; } = "";
        public double Top { get; set; }
        public bool MayBeAbove { get; set; }
    }

    public async ValueTask DisposeAsync()
    {
        if (_page is not null)
            await _page.CloseAsync();
    }
}
