using System.Diagnostics;

namespace Acceptance.Support.Load;

/// <summary>
/// The Phase 4 profile's "5 uploads always in flight": a fixed number of DOCUMENTS in the pipeline at a time, not of
/// upload requests (an upload is answered 202 at once, so counting requests floods the pipeline). Each lane uploads a
/// document, waits until the pipeline has finished it (embedded or set aside), and only then uploads the next, until the
/// period ends. A lane whose document never finishes stops sending, so the pipeline never holds more than the lanes.
/// </summary>
public static class ClosedLoop
{
    /// <param name="lanes">Documents in the pipeline at a time.</param>
    /// <param name="period">Uploads start only within this period from the first.</param>
    /// <param name="upload">Uploads the document with the given number (1, 2, ...).</param>
    /// <param name="finished">Waits until the pipeline has finished an upload's document; false when it did not in time (the lane stops).</param>
    public static async Task<IReadOnlyList<T>> RunAsync<T>(int lanes, TimeSpan period, Func<int, Task<T>> upload, Func<T, Task<bool>> finished)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        var clock = Stopwatch.StartNew();
        var number = 0;
        var lanesSent = await Task.WhenAll(Enumerable.Range(0, lanes).Select(async _ =>
        {
            var sent = new List<T>();
            while (clock.Elapsed < period)
            {
                var arrival = await upload(Interlocked.Increment(ref number));
                sent.Add(arrival);
                if (!await finished(arrival)) break;
            }
            return sent;
        }));
        return lanesSent.SelectMany(sent => sent).ToList();
    }
}
