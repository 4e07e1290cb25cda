using Acceptance.Support.Environment;

namespace Acceptance.Support.Resources;

/// <summary>
/// Which process runs each service, where the suite can see it: on the local target from the
/// child processes it started. Other targets expose process metrics on /metrics (process_*),
/// which this suite does not read yet: resource scenarios are skipped there with that reason.
/// </summary>
public sealed class ServiceProcessTable(IPipelineEnvironment environment)
{
    public string? CannotSampleBecause =>
        !OperatingSystem.IsLinux() ? "process resources are read from /proc, which only Linux has"
        : environment is LocalPipelineEnvironment ? null
        : $"the {environment.Target} target's processes are not children of the suite, and reading their /metrics process_* series is not built yet";

    public IReadOnlyDictionary<string, int> Current =>
        environment is LocalPipelineEnvironment local ? local.ProcessIds : new Dictionary<string, int>();
}
