using Acceptance.Support.Drivers;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// The API driver's domain outcomes, which steps read instead of status codes: each answer the
/// pipeline can give maps to exactly the outcomes a step may rely on, and to no other.
/// </summary>
public sealed class ApiOutcomeTests
{
    private static UploadOutcome Answered(int status, string? documentId = null) =>
        new(status, documentId, documentId is null ? null : "job", null, false, status >= 400 ? "some-reason" : null, null, null);

    [Theory]
    [InlineData(202, true, false, false, false)]
    [InlineData(200, true, false, false, false)]
    [InlineData(400, false, true, false, false)]
    [InlineData(413, false, true, false, false)]
    [InlineData(415, false, true, false, false)]
    [InlineData(503, false, false, true, true)]
    [InlineData(500, false, false, false, true)]
    [InlineData(0, false, false, false, true)]
    public void An_upload_answer_is_read_as_its_domain_outcome(int status, bool accepted, bool badInput, bool unavailable, bool cutOff)
    {
        var outcome = Answered(status, accepted ? "document" : null);
        (outcome.Accepted, outcome.RefusedAsBadInput, outcome.TemporarilyUnavailable, outcome.CutOff)
            .Should().Be((accepted, badInput, unavailable, cutOff), $"an upload answered {status}");
    }

    [Fact]
    public void An_answer_without_a_document_is_not_accepted() => Answered(202).Accepted.Should().BeFalse();

    [Fact]
    public void A_lost_connection_is_described_as_such_and_a_refusal_by_its_status_and_reason()
    {
        Answered(0).Answer.Should().Be("no answer (connection lost)");
        Answered(415).Answer.Should().StartWith("415 some-reason");
    }

    [Theory]
    [InlineData(202, true)]
    [InlineData(409, false)]
    [InlineData(404, false)]
    public void A_requeue_is_accepted_only_when_the_job_went_back_to_work(int status, bool accepted) =>
        new RequeueOutcome(status, null, null).Accepted.Should().Be(accepted);

    [Theory]
    [InlineData(404, true)]
    [InlineData(403, false)]
    [InlineData(200, false)]
    public void A_read_of_someone_elses_document_is_not_found_only_when_it_answers_404(int status, bool notFound) =>
        new ReadOutcome<DocumentView>(status, null, null).NotFound.Should().Be(notFound);
}
