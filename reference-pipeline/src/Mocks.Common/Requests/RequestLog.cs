using System.Collections.Concurrent;

namespace Mocks.Common.Requests;

/// <summary>In-memory log of what the mock served, oldest first, capped so a long run cannot exhaust memory.</summary>
public sealed class RequestLog<TRecord>
{
    private const int Capacity = 10_000;
    private readonly ConcurrentQueue<TRecord> _records = new();

    public void Add(TRecord record)
    {
        _records.Enqueue(record);
        while (_records.Count > Capacity && _records.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<TRecord> Snapshot() => _records.ToArray();

    public void Clear() => _records.Clear();
}
