using System.Security.Cryptography;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Drivers;

/// <summary>
/// Reads what the pipeline stored on disk (the uploaded file, the parsed text), where the target says which folder they are
/// in (<see cref="IPipelineEnvironment.StorageRoot"/>); without one the reader says why it cannot read, so a step skips with
/// that reason instead of passing.
/// </summary>
public sealed class StoredFileReader(IPipelineEnvironment environment)
{
    /// <summary>Null when the stored files are readable here; otherwise why not.</summary>
    public string? UnreadableBecause => environment.StorageRoot is null
        ? $"the {environment.Target} target keeps them in the pipeline's storage and names no folder the suite can read them in (Acceptance:External:StorageRoot)"
        : null;

    public async Task<StoredFile<byte[]>> OriginalOfAsync(StoredDocument document) =>
        new(document.StoragePath, Resolve(document.StoragePath) is var path && File.Exists(path) ? await File.ReadAllBytesAsync(path) : null);

    public async Task<StoredFile<string>> ParsedTextOfAsync(StoredDocument document) =>
        new(document.ParsedPath ?? "(no parsed path recorded)",
            document.ParsedPath is { } recorded && Resolve(recorded) is var path && File.Exists(path) ? await File.ReadAllTextAsync(path) : null);

    /// <summary>The SHA-256 (lower-case hex) of a stored file, or null when the file is not there.</summary>
    public async Task<string?> Sha256OfAsync(string storagePath) =>
        Resolve(storagePath) is var path && File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))) : null;

    /// <summary>Where a path the database records is here: relative to the storage folder, or the absolute path itself.</summary>
    public string Resolve(string recordedPath) =>
        Path.Combine(environment.StorageRoot ?? throw new InvalidOperationException(UnreadableBecause), recordedPath);
}

/// <summary>A stored file's content, or null content when the file is missing at <see cref="Path"/>.</summary>
public sealed record StoredFile<T>(string Path, T? Content) where T : class
{
    public bool Exists => Content is not null;
}
