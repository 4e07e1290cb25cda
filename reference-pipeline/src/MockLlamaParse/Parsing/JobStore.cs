using System.Collections.Concurrent;

namespace MockLlamaParse.Parsing;

/// <summary>Jobs live in memory only: a restarted mock has forgotten them, like a wiped parser.</summary>
public sealed class JobStore
{
    private readonly ConcurrentDictionary<string, ParseJob> _jobs = new(StringComparer.OrdinalIgnoreCase);

    public void Add(ParseJob job) => _jobs[job.Id] = job;

    public ParseJob? Find(string id) => _jobs.GetValueOrDefault(id);
}
