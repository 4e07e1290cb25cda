using Pipeline.Core.Defects;

namespace ApiServer.Metrics;

/// <summary>
/// Test-only defects in the upload counter, chosen at registration so the upload path never checks for them.
/// <list type="bullet">
/// <item>uploads-counted-as-duplicates: new documents are counted as deduplicated (an inverted condition),
/// so the operators' accepted-uploads series stays flat while documents pour in.</item>
/// </list>
/// </summary>
public static class UploadCounterDefects
{
    public static IUploadCounter Counter(IServiceProvider services)
    {
        IUploadCounter counter = services.GetRequiredService<UploadCounter>();
        return services.GetRequiredService<PipelineDefects>().IsOn(PipelineDefects.UploadsCountedAsDuplicates)
            ? new AcceptedAsDuplicates(counter)
            : counter;
    }

    private sealed class AcceptedAsDuplicates(IUploadCounter inner) : IUploadCounter
    {
        public void Count(UploadOutcome outcome) =>
            inner.Count(outcome == UploadOutcome.Accepted ? UploadOutcome.Deduplicated : outcome);
    }
}
