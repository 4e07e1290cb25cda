using System.Collections.Concurrent;

namespace Conformance.StepDefinitions;

/// <summary>Every hook that ran, in order; written to $CONFORMANCE_JOURNAL after the run for the runner's tests.</summary>
public static class HookJournal
{
    private static readonly ConcurrentQueue<string> Entries = new();

    public static void Record(string entry) => Entries.Enqueue(entry);

    public static IReadOnlyCollection<string> Snapshot => Entries.ToArray();

    public static void Save()
    {
        if (Environment.GetEnvironmentVariable("CONFORMANCE_JOURNAL") is { Length: > 0 } path)
            File.WriteAllLines(path, Entries);
    }
}
