using System.Security.Cryptography;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Drivers;

/// <summary>
/// Reads what the pipeline stored on disk (the uploaded file, the parsed text). Only the local target's
/// storage is on this machine; on any other the reader says why it cannot read, so a step skips with
/// that reason instead of passing.
/// </summary>
public sealed class StoredFileReader(IPipelineEnvironment environment)
{
    /// <summary>Null when the stored files are readable here; otherwise why not.</summary>
    public string? UnreadableBecause => environment.Target == "local"
        ? null
        : $"the {environment.Target} target keeps them in the pipeline's storage, which the suite cannot read";

    public async Task<StoredFile<byte[]>> OriginalOfAsync(StoredDocument document) =>
        new(document.StoragePath, File.Exists(document.StoragePath) ? await File.ReadAllBytesAsync(document.StoragePath) : null);

    public async Task<StoredFile<string>> ParsedTextOfAsync(StoredDocument document) =>
        new(document.ParsedPath ?? "(no parsed path recorded)",
            document.ParsedPath is { } path && File.Exists(path) ? await File.ReadAllTextAsync(path) : null);

    /// <summary>The SHA-256 (lower-case hex) of a stored file, or null when the file is not there.</summary>
    public async Task<string?> Sha256OfAsync(string storagePath) =>
        File.Exists(storagePath) ? Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(storagePath))) : null;
}

/// <summary>A stored file's content, or null content when the file is missing at <see cref="Path"/>.</summary>
public sealed record StoredFile<T>(string Path, T? Content) where T : class
{
    public bool Exists => Content is not null;
}
