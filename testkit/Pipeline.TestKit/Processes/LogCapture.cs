namespace Pipeline.TestKit;

/// <summary>
/// Every line a child writes goes to its log file and to an in-memory ring buffer; waiters are
/// completed by the line that matches them, so waiting for a log line needs no polling.
/// </summary>
internal sealed class LogCapture : IDisposable
{
    private readonly object _gate = new();
    private readonly Queue<(long Sequence, string Line)> _recent = new();
    private readonly List<Waiter> _waiters = [];
    private readonly int _capacity;
    private readonly StreamWriter _file;
    private long _nextSequence;

    public LogCapture(string logFile, int capacity)
    {
        _capacity = Math.Max(1, capacity);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        _file = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    /// <summary>Sequence number the next line will get; lines before it belong to earlier runs.</summary>
    public long NextSequence { get { lock (_gate) return _nextSequence; } }

    public void Append(string line)
    {
        lock (_gate)
        {
            var sequence = _nextSequence++;
            _recent.Enqueue((sequence, line));
            while (_recent.Count > _capacity) _recent.Dequeue();
            try { _file.WriteLine(line); } catch (ObjectDisposedException) { /* line after dispose: memory only */ }

            foreach (var waiter in _waiters.Where(w => sequence >= w.FromSequence && w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Completion.TrySetResult(line);
            }
        }
    }

    /// <summary>A task completed by the first line at or after <paramref name="fromSequence"/> that matches.</summary>
    public Task<string> WhenLine(Func<string, bool> match, long fromSequence, out Action cancel)
    {
        lock (_gate)
        {
            var seen = _recent.FirstOrDefault(entry => entry.Sequence >= fromSequence && match(entry.Line));
            if (seen.Line is not null)
            {
                cancel = () => { };
                return Task.FromResult(seen.Line);
            }
            var waiter = new Waiter(match, fromSequence, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            cancel = () => { lock (_gate) _waiters.Remove(waiter); };
            return waiter.Completion.Task;
        }
    }

    /// <summary>Fails every pending waiter (the process ended, so no matching line can come).</summary>
    public void FailWaiters(Func<Exception> reason)
    {
        lock (_gate)
        {
            foreach (var waiter in _waiters) waiter.Completion.TrySetException(reason());
            _waiters.Clear();
        }
    }

    public IReadOnlyList<string> Recent(long fromSequence = 0)
    {
        lock (_gate) return _recent.Where(e => e.Sequence >= fromSequence).Select(e => e.Line).ToList();
    }

    public string Tail(int lines)
    {
        lock (_gate)
        {
            var tail = _recent.Skip(Math.Max(0, _recent.Count - lines)).Select(e => e.Line);
            var text = string.Join(System.Environment.NewLine, tail);
            return text.Length == 0 ? "(no output)" : text;
        }
    }

    public void Dispose()
    {
        lock (_gate) _file.Dispose();
    }

    private sealed record Waiter(Func<string, bool> Match, long FromSequence, TaskCompletionSource<string> Completion);
}
