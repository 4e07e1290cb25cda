using ApiServer.Data;
using Pipeline.Core.Defects;

namespace ApiServer.Uploads;

/// <summary>
/// Test-only defects in how an upload is recognised as a document its user already has, chosen at
/// registration so the upload path never checks for them.
/// <list type="bullet">
/// <item>skip-deduplication: every upload's stored key carries a per-upload suffix, so neither the
/// lookup nor the unique (user, sha256) key ever matches, and the same bytes make a new document each time.</item>
/// <item>identity-by-file-name: an upload is taken for this user's earlier document with the same
/// file name, whatever its bytes.</item>
/// </list>
/// </summary>
public static class DocumentIdentityDefects
{
    public static IDocumentIdentity Identity(IServiceProvider services)
    {
        var defects = services.GetRequiredService<PipelineDefects>();
        var store = services.GetRequiredService<DocumentStore>();
        if (defects.IsOn(PipelineDefects.SkipDeduplication)) return new NeverTheSame(store);
        if (defects.IsOn(PipelineDefects.IdentityByFileName)) return new SameName(store);
        return new OwnerAndBytesIdentity(store);
    }

    private sealed class NeverTheSame(DocumentStore store) : IDocumentIdentity
    {
        public string StoredKey(string sha256, Guid documentId) => $"{sha256}+{documentId:N}";

        public Task<UploadResult?> FindExistingAsync(string userId, string storedKey, string fileName, CancellationToken ct) =>
            store.FindByContentAsync(userId, storedKey, ct);
    }

    private sealed class SameName(DocumentStore store) : IDocumentIdentity
    {
        public string StoredKey(string sha256, Guid documentId) => sha256;

        public Task<UploadResult?> FindExistingAsync(string userId, string storedKey, string fileName, CancellationToken ct) =>
            store.FindByFileNameAsync(userId, fileName, ct);
    }
}
