using System.Collections.Concurrent;

namespace Pipeline.TestKit.Internal;

/// <summary>
/// Last line of defence against orphans: whatever a test forgot to dispose (or could not, because
/// the test host is exiting on SIGTERM or Ctrl+C) is killed when the process exits.
/// A SIGKILLed test host cannot run this; nothing in user space can.
/// </summary>
internal static class ProcessJanitor
{
    private static readonly ConcurrentDictionary<object, Action> Cleanups = new();

    static ProcessJanitor()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
    }

    public static void Register(object owner, Action cleanup) => Cleanups[owner] = cleanup;

    public static void Unregister(object owner) => Cleanups.TryRemove(owner, out _);

    /// <summary>Runs every registered cleanup now (also on process exit); each runs once.</summary>
    public static void RunAll()
    {
        foreach (var (owner, cleanup) in Cleanups)
        {
            if (!Cleanups.TryRemove(owner, out _)) continue; // another caller ran it
            try { cleanup(); }
            catch { /* exiting anyway: one failed cleanup must not stop the others */ }
        }
    }
}
