namespace Pipeline.Core.Storage;

/// <summary>
/// Files under <c>Pipeline__StorageRoot</c>: one folder per document holding the raw upload and
/// the parsed markdown. Writes go to a temp file renamed into place, so a reader never sees half a file.
/// </summary>
public sealed class DocumentStorage(string root)
{
    public const string ParsedFileName = "parsed.md";

    /// <summary>The folder, inside the root, of uploads still being received (see <see cref="NewStagingPath"/>).</summary>
    public const string StagingFolderName = ".incoming";

    public string Root { get; } = Path.GetFullPath(root);

    public string DocumentFolder(Guid documentId) => Path.Combine(Root, documentId.ToString("N"));

    /// <summary>Absolute path of the raw upload; the extension (e.g. ".pdf") is kept for the parser.</summary>
    public string RawPath(Guid documentId, string extension) =>
        Path.Combine(DocumentFolder(documentId), "original" + NormaliseExtension(extension));

    public string ParsedPath(Guid documentId) => Path.Combine(DocumentFolder(documentId), ParsedFileName);

    /// <summary>Stores the uploaded bytes and returns their absolute path.</summary>
    public async Task<string> SaveUploadAsync(Guid documentId, string extension, Stream content, CancellationToken ct)
    {
        var path = RawPath(documentId, extension);
        await WriteAtomicallyAsync(path, temp => content.CopyToAsync(temp, ct), ct);
        return path;
    }

    /// <summary>
    /// A fresh path for an upload still being received: inside the storage root, so adopting it is a
    /// rename on the same filesystem, never a copy. Its folder is created; the caller writes the file.
    /// </summary>
    public string NewStagingPath()
    {
        var folder = Path.Combine(Root, StagingFolderName);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}.tmp");
    }

    /// <summary>
    /// Deletes staged uploads nobody has written to for <paramref name="idle"/>: those of a process
    /// that died mid-upload. Uploads still arriving (this or another api-server's) keep being written,
    /// so they are left alone. Returns how many were removed.
    /// </summary>
    public int RemoveAbandonedUploads(TimeSpan idle)
    {
        var folder = new DirectoryInfo(Path.Combine(Root, StagingFolderName));
        if (!folder.Exists) return 0;
        var abandoned = folder.EnumerateFiles("*.tmp").Where(f => DateTime.UtcNow - f.LastWriteTimeUtc > idle).ToList();
        foreach (var file in abandoned) file.Delete();
        return abandoned.Count;
    }

    /// <summary>Moves a staged upload (see <see cref="NewStagingPath"/>) into place and returns its absolute path.</summary>
    public string AdoptUpload(Guid documentId, string extension, string stagedPath)
    {
        var path = RawPath(documentId, extension);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(stagedPath, path, overwrite: true);
        return path;
    }

    /// <summary>Stores the parser's markdown (UTF-8, no byte order mark) and returns its absolute path.</summary>
    public async Task<string> SaveParsedMarkdownAsync(Guid documentId, string markdown, CancellationToken ct)
    {
        var path = ParsedPath(documentId);
        await WriteAtomicallyAsync(path, async temp =>
        {
            await using var writer = new StreamWriter(temp, Utf8, leaveOpen: true);
            await writer.WriteAsync(markdown.AsMemory(), ct);
        }, ct);
        return path;
    }

    /// <summary>The stored markdown for reading bit by bit: a long document's text is never in memory whole.</summary>
    public StreamReader OpenParsedMarkdown(Guid documentId) => new(ParsedPath(documentId), Utf8);

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(stream);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string NormaliseExtension(string extension)
    {
        if (string.IsNullOrWhiteSpace(extension)) return "";
        var clean = new string(extension.Trim().TrimStart('.').Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        return clean.Length == 0 ? "" : "." + clean;
    }
}
