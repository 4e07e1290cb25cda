namespace Acceptance.StepDefinitions;

/// <summary>Whether the counts operators watch move with what the pipeline does.</summary>
[Binding]
public sealed class OperationalMetricsSteps(OperationalMetricsDriver metrics, EvidenceRecorder evidence)
{
    private double? _before;

    [Given("the operators have noted how many new documents the pipeline has counted")]
    public async Task GivenTheOperatorsNotedTheCount() => _before = await metrics.NewDocumentsCountedAsync();

    /// <summary>At least: other scenarios upload at the same time, and their documents count too.</summary>
    [Then("the pipeline's count of new documents has risen by at least {int}")]
    public async Task ThenTheCountHasRisenByAtLeast(int documents)
    {
        var before = _before ?? throw new InvalidOperationException("The scenario must note the count first.");
        var after = await metrics.NewDocumentsCountedAsync();
        evidence.AttachJson("new-documents-counted", new { before, after });
        (after - before).Should().BeGreaterThanOrEqualTo(documents,
            "every new document's upload must be counted among the accepted uploads operators watch");
    }
}
