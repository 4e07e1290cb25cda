using System.Text.Json;

namespace MockLlamaParse.Parsing;

/// <summary>
/// A job's extracted pages on disk, one JSON line per page in page order: extraction appends each page
/// as it is read and keeps nothing, and results are written from the file a page at a time, so the
/// mock's memory does not grow with the length of a document.
/// </summary>
public sealed class PageFile(string path)
{
    public string Path { get; } = path;

    public static PageFile Create(string path)
    {
        File.WriteAllBytes(path, []);
        return new PageFile(path);
    }

    public void Append(ParsedPage page)
    {
        using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        JsonSerializer.Serialize(file, page);
        file.WriteByte((byte)'\n');
    }

    /// <summary>The pages in order, each read only when the caller asks for the next.</summary>
    public async IAsyncEnumerable<ParsedPage> ReadAsync()
    {
        using var reader = new StreamReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 16 * 1024, useAsync: true));
        while (await reader.ReadLineAsync() is { } line)
        {
            yield return JsonSerializer.Deserialize<ParsedPage>(line)
                ?? throw new InvalidDataException($"A page line of {Path} is empty.");
        }
    }
}
