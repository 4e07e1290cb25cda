using Acceptance.Support.Analysis;
using Acceptance.Support.Environment;
using Reqnroll.UnitTestProvider;

namespace Acceptance.StepDefinitions;

/// <summary>One correlation id ties a document's upload, job, audit trail and logs together.</summary>
[Binding]
public sealed class CorrelationSteps(
    PipelineApiDriver api, PipelineDatabaseDriver database, ServiceLogReader logs, UploadedDocuments uploads,
    EvidenceRecorder evidence, IUnitTestRuntimeProvider runtime)
{
    private string ReceiptCorrelationId => uploads.Last.Outcome.CorrelationId
        ?? throw new InvalidOperationException("The upload receipt carried no correlation id.");

    [Then("the job carries the correlation id of the upload receipt")]
    public async Task ThenTheJobCarriesTheReceiptsCorrelationId()
    {
        var upload = uploads.Last;
        Guid.TryParse(upload.Outcome.CorrelationId, out _).Should().BeTrue("the receipt should carry a correlation id");
        var job = (await api.GetJobAsync(upload.UserId, upload.Outcome.JobId!)).Value!;
        job.CorrelationId.Should().Be(ReceiptCorrelationId);
    }

    [Then("every audit event of the document carries that correlation id")]
    public async Task ThenEveryAuditEventCarriesIt()
    {
        var events = await database.EventsOfJobAsync(uploads.Last.Outcome.JobId!);
        evidence.AttachJson("audit-trail", events);
        events.Should().HaveCountGreaterThanOrEqualTo(9, "every stage transition is audited");
        events.Should().OnlyContain(e => e.CorrelationId == ReceiptCorrelationId);
    }

    [Then("the logs for its correlation id tell its story from upload to vectors, stage by stage")]
    public void ThenTheLogsTellTheStory()
    {
        if (!logs.LogsAvailable)
            runtime.NotVerifiedOnThisTarget(TargetReadings.ServiceLogs, "the target gives no way to read its service logs");
        var story = logs.LinesFor(ReceiptCorrelationId);
        evidence.AttachText("document-story", string.Join('\n', story.Select(l => $"{l.At:HH:mm:ss.fff} {l.Service,-14} {l.MessageTemplate}")));
        story.Should().NotBeEmpty();
        story[0].Service.Should().Be("api-server", "the story starts with the upload");
        StageTimeline.StagesEnteredFromLog(story).Should().Equal(StageTimeline.NineStages,
            "every stage the document went through must be readable in the logs, in order");
    }

    [Then("every service log line about the document carries that correlation id")]
    public void ThenEveryLogLineCarriesIt()
    {
        if (!logs.LogsAvailable)
            runtime.NotVerifiedOnThisTarget(TargetReadings.ServiceLogs, "the target gives no way to read its service logs");
        var lines = logs.LinesFor(ReceiptCorrelationId);
        evidence.AttachJson("log-lines", lines.Select(l => new { l.Service, at = l.At.ToString("O"), l.MessageTemplate }));
        lines.Select(l => l.Service).Should().Contain("api-server").And.Contain(s => s.StartsWith("base-worker"),
            "the document's story must be readable in both the api-server's and a worker's log");
        var jobLines = logs.LinesForJob(uploads.Last.Outcome.JobId!);
        jobLines.Should().NotBeEmpty().And.OnlyContain(l => l.CorrelationId == ReceiptCorrelationId,
            "every line about the job must name its correlation id");
    }
}
