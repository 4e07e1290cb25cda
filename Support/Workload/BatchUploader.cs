using Acceptance.Support.Drivers;
using Pipeline.TestKit;

namespace Acceptance.Support.Workload;

/// <summary>Uploads a batch of documents with a bounded number in flight, as an office scanning a pile would.</summary>
public sealed class BatchUploader(PipelineApiDriver api)
{
    public async Task<IReadOnlyList<(TestDocument Document, UploadOutcome Outcome)>> UploadAsync(
        string userId, IReadOnlyList<TestDocument> documents, int concurrency)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var uploads = documents.Select(async document =>
        {
            await slots.WaitAsync();
            try
            {
                return (document, await api.UploadAsync(userId, document.FileName, document.Bytes));
            }
            finally
            {
                slots.Release();
            }
        });
        return await Task.WhenAll(uploads);
    }
}
