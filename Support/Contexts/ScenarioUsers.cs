namespace Acceptance.Support.Contexts;

/// <summary>
/// Scenarios speak of people ("Dana", "Ravi"); each scenario gets its own user ids for them, so
/// scenarios running in parallel never see each other's documents.
/// </summary>
public sealed class ScenarioUsers
{
    private readonly string _scenarioToken = Guid.NewGuid().ToString("N")[..10];

    public string IdOf(string persona) => $"{persona.Trim().ToLowerInvariant()}-{_scenarioToken}";
}
