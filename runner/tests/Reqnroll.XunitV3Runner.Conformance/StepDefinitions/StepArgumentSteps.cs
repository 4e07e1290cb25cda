using Reqnroll;
using Xunit;

namespace Conformance.StepDefinitions;

[Binding]
public sealed class StepArgumentSteps
{
    private decimal _totalPremium;
    private string _note = "";
    private TimeSpan _wait;

    [StepArgumentTransformation(@"(\d+) seconds", Name = "duration")]
    public static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);

    [Given("these policies")]
    public void GivenThesePolicies(DataTable policies) =>
        _totalPremium = policies.Rows.Sum(row => decimal.Parse(row["premium"], System.Globalization.CultureInfo.InvariantCulture));

    [Then("the total premium is {int}")]
    public void ThenTheTotalPremiumIs(int expected) => Assert.Equal(expected, _totalPremium);

    [Given("the note")]
    public void GivenTheNote(string note) => _note = note;

    [Then("the note has {int} lines")]
    public void ThenTheNoteHasLines(int lines) => Assert.Equal(lines, _note.Split('\n').Length);

    [Given("a wait of {duration}")]
    public void GivenAWaitOf(TimeSpan wait) => _wait = wait;

    [Then("the wait is {double} minutes")]
    public void ThenTheWaitIs(double minutes) => Assert.Equal(minutes, _wait.TotalMinutes);
}
