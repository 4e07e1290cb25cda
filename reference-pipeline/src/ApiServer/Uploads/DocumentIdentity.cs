using ApiServer.Data;

namespace ApiServer.Uploads;

/// <summary>
/// What makes an upload the same document as one its user already has. The store's unique
/// (user_id, sha256) key holds the same rule, so of two concurrent identical uploads one wins there.
/// </summary>
public interface IDocumentIdentity
{
    /// <summary>The key stored in a new document's sha256 column, which the unique key compares.</summary>
    string StoredKey(string sha256, Guid documentId);

    /// <summary>This user's earlier document that an upload with this key and file name is the same as, if any.</summary>
    Task<UploadResult?> FindExistingAsync(string userId, string storedKey, string fileName, CancellationToken ct);
}

/// <summary>The production identity: a document is its owner and its bytes; its name is only a label.</summary>
public sealed class OwnerAndBytesIdentity(DocumentStore store) : IDocumentIdentity
{
    public string StoredKey(string sha256, Guid documentId) => sha256;

    public Task<UploadResult?> FindExistingAsync(string userId, string storedKey, string fileName, CancellationToken ct) =>
        store.FindByContentAsync(userId, storedKey, ct);
}
