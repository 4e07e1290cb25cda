namespace MockLlamaParse.Parsing;

/// <summary>
/// Where jobs keep their extracted pages: one folder per job under a folder of this mock process,
/// removed when the mock stops (its jobs live in memory only and die with it).
/// </summary>
public sealed class JobFolders : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mock-llamaparse-").FullName;

    public string PageFilePath(string jobId) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(_root, jobId)).FullName, "pages.jsonl");

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
