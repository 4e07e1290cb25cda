using System.Diagnostics;

namespace Acceptance.Support.Environment;

/// <summary>
/// Service logs copied into the run's log folder by running something (docker, an operator's command), made again at
/// most every <see cref="Freshness"/>: log-reading steps poll, and a copy at every poll would run the commands non-stop.
/// </summary>
public sealed class FreshLogCopies(Func<Task<Dictionary<string, string>>> copy)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(500);
    private Dictionary<string, string> _files = [];
    private readonly Stopwatch _sinceCopy = new();
    private readonly Lock _copying = new();

    /// <summary>Log file per service, copied at most <see cref="Freshness"/> ago.</summary>
    public IReadOnlyDictionary<string, string> Files
    {
        get
        {
            lock (_copying)
            {
                if (!_sinceCopy.IsRunning || _sinceCopy.Elapsed > Freshness)
                {
                    _files = copy().GetAwaiter().GetResult();
                    _sinceCopy.Restart();
                }
                return new Dictionary<string, string>(_files);
            }
        }
    }
}
