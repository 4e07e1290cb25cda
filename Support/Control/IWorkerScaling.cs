namespace Acceptance.Support.Control;

/// <summary>
/// A target whose number of worker processes the suite can change, to measure how throughput
/// scales with workers. The local target offers it, and the external one given a Scale command
/// (Acceptance:External:Control:Scale); elsewhere the scenario is skipped with the reason.
/// </summary>
public interface IWorkerScaling
{
    /// <summary>
    /// Runs exactly <paramref name="count"/> worker processes with one job slot each (stopping,
    /// restarting or adding workers), and waits until all are ready. Restoring the environment
    /// brings back the usual workers.
    /// </summary>
    Task RunWorkersAsync(int count);
}
