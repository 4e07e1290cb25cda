using Pipeline.TestKit.Internal;

namespace Pipeline.TestKit;

/// <summary>
/// For a process told to end (SIGTERM) with no time to stop things gracefully: kills every service process tree
/// and immediately stops every PostgreSQL cluster this process started, removing the clusters' folders, in
/// milliseconds. A graceful stop that runs afterwards finds them gone. On a loaded machine the graceful stop of
/// a whole pipeline can outlast whoever sent the signal, who then kills the process tree; a cluster started
/// through pg_ctl is not in that tree and would be left running.
/// </summary>
public static class EmergencyStop
{
    public static void Everything() => ProcessJanitor.RunAll();
}
