namespace Acceptance.Gate.Tests;

internal static class FixturePaths
{
    public static string Of(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static readonly DateOnly Today = new(2026, 1, 15);
}
