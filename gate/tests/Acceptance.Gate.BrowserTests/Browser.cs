using Microsoft.Playwright;

namespace Acceptance.Gate.BrowserTests;

/// <summary>
/// Debian's chromium under Playwright: Playwright's own browser downloads are not used (and not
/// reachable on our machines), so the test drives the system browser that scripts/setup.sh installs.
/// </summary>
internal static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>A laptop's window: what a stakeholder sees of a page before scrolling.</summary>
    public static readonly ViewportSize Window = new() { Width = 1280, Height = 800 };

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    public static Task<IPage> NewPageAsync(IBrowser browser) =>
        browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = Window });
}
