using Acceptance.Support.Contexts;
using Acceptance.Support.Drivers;
using Acceptance.Support.TestData;
using Pipeline.TestKit;

namespace Acceptance.Support.Workload;

/// <summary>
/// The one way a scenario uploads: as one of its people, remembering every answer in
/// <see cref="UploadedDocuments"/> so later steps can follow the documents. A batch goes with a bounded
/// number in flight, as an office scanning a pile would.
/// </summary>
public sealed class DocumentUploader(PipelineApiDriver api, ScenarioUsers users, UploadedDocuments uploads)
{
    public Task<Upload> UploadAsync(Persona persona, TestDocument document, string? uploadName = null) =>
        UploadAsync(users.IdOf(persona.Name), document, uploadName);

    /// <summary>Uploads the same bytes again for the same person, e.g. after the first attempt was cut off.</summary>
    public Task<Upload> RetryAsync(Upload earlier) => UploadAsync(earlier.UserId, earlier.Document);

    public async Task<IReadOnlyList<Upload>> UploadBatchAsync(Persona persona, IReadOnlyList<TestDocument> documents, int concurrency)
    {
        var userId = users.IdOf(persona.Name);
        using var slots = new SemaphoreSlim(concurrency);
        var answers = await Task.WhenAll(documents.Select(async document =>
        {
            await slots.WaitAsync();
            try
            {
                return new Upload(userId, document, await api.UploadAsync(userId, document.FileName, document.Bytes));
            }
            finally
            {
                slots.Release();
            }
        }));
        // Remembered in the batch's order once all have answered: the list is not shared between threads.
        foreach (var upload in answers) uploads.Add(upload);
        return answers;
    }

    /// <summary>
    /// Starts uploading the documents one after the other, as a person at a desk would, for scenarios
    /// that disrupt the service meanwhile. <see cref="UploadSequence.FirstAnswered"/> completes when the
    /// first document has its answer; the others go out once <paramref name="restGoOut"/> has completed.
    /// </summary>
    public UploadSequence StartOneByOne(Persona persona, IReadOnlyList<TestDocument> documents, Task restGoOut)
    {
        var userId = users.IdOf(persona.Name);
        var first = new TaskCompletionSource();
        var all = Task.Run(async () =>
        {
            foreach (var document in documents)
            {
                if (first.Task.IsCompleted) await restGoOut;
                await UploadAsync(userId, document);
                first.TrySetResult();
            }
        });
        return new UploadSequence(first.Task, all);
    }

    private async Task<Upload> UploadAsync(string userId, TestDocument document, string? uploadName = null)
    {
        var upload = new Upload(userId, document, await api.UploadAsync(userId, uploadName ?? document.FileName, document.Bytes));
        uploads.Add(upload);
        return upload;
    }
}

/// <summary>Uploads under way one by one: when the first was answered, and when all were.</summary>
public sealed record UploadSequence(Task FirstAnswered, Task AllAnswered);
