using System.Security.Cryptography;
using Pipeline.Core.Storage;

namespace ApiServer.Uploads;

/// <summary>
/// An upload on its way in: its bytes go straight to a temp file inside the storage root while their
/// SHA-256 and count are computed, so the api-server never holds a whole document in memory.
/// Adopting it renames the file into place; disposing it removes whatever was not adopted.
/// A write that fails is the storage's fault (disk full, folder unwritable), never the client's:
/// it surfaces as <see cref="StorageUnavailableException"/>, which no body-reading handler mistakes for bad input.
/// </summary>
public sealed class StagedUpload : IAsyncDisposable
{
    private const int ChunkBytes = 81920;

    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _sha256;

    private StagedUpload(string path, FileStream file) => (Path, _file) = (path, file);

    public string Path { get; }

    public long Length { get; private set; }

    /// <summary>Lowercase hex SHA-256 of everything copied in; known once the copy is complete.</summary>
    public string Sha256 => _sha256 ?? throw new InvalidOperationException("The upload has not been received completely.");

    public static StagedUpload Create(DocumentStorage storage) => Storage(() =>
    {
        var path = storage.NewStagingPath();
        return new StagedUpload(path, new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, ChunkBytes, useAsync: true));
    });

    /// <summary>
    /// Copies <paramref name="body"/> in, hashing and counting as it goes.
    /// Read failures propagate as they are (the caller knows they are the client's); write failures are the storage's.
    /// </summary>
    /// <returns>False, with the copy stopped, as soon as the bytes exceed <paramref name="maxBytes"/>.</returns>
    public async Task<bool> CopyWithinLimitAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (Length + read > maxBytes) return false;
            _hash.AppendData(chunk, 0, read);
            await StorageAsync(() => _file.WriteAsync(chunk.AsMemory(0, read), ct).AsTask());
            Length += read;
        }
        await StorageAsync(async () =>
        {
            await _file.FlushAsync(ct);
            _file.Flush(flushToDisk: true);
        });
        _sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        return true;
    }

    /// <summary>The received bytes from the start, for inspection; the caller does not dispose it.</summary>
    public Stream Content
    {
        get
        {
            _file.Position = 0;
            return _file;
        }
    }

    /// <summary>Renames the file into the document's folder (same filesystem) and returns its path.</summary>
    public async Task<string> AdoptAsync(DocumentStorage storage, Guid documentId, string extension)
    {
        await _file.DisposeAsync();
        return Storage(() => storage.AdoptUpload(documentId, extension, Path));
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _hash.Dispose();
        try
        {
            File.Delete(Path); // No-op once adopted.
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing refers to a staged file; at worst it waits for the operator's clean-up.
        }
    }

    private static T Storage<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException(exception);
        }
    }

    private static async Task StorageAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException(exception);
        }
    }
}
