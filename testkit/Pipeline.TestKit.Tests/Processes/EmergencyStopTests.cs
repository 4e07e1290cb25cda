using FluentAssertions;
using Pipeline.TestKit.Internal;

namespace Pipeline.TestKit.Tests.Processes;

/// <summary>Alone: an emergency stop ends every cluster and service of the process, other tests' too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmergencyStopCollection
{
    public const string Name = "emergency stop";
}

[Collection(EmergencyStopCollection.Name)]
public sealed class EmergencyStopTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_emergency_stop_leaves_no_cluster_running_no_cluster_folder_and_no_service_process()
    {
        await using var cluster = await PostgresCluster.StartAsync(ct: TestContext.Current.CancellationToken);
        var postmaster = int.Parse(File.ReadLines(Path.Combine(cluster.DataDirectory, "postmaster.pid")).First());
        var log = Path.Combine(Path.GetTempPath(), $"emergency-{Guid.NewGuid():N}.log");
        await using var service = ServiceProcess.Start(new ServiceProcessOptions
        {
            Name = "sleeper", FileName = "/bin/sh", Arguments = ["-c", "sleep 300"], LogFile = log,
        });

        EmergencyStop.Everything();

        await Poll.UntilAsync("the postmaster and the service gone",
            _ => Task.FromResult(Gone(postmaster) && service.HasExited ? null : $"postmaster gone: {Gone(postmaster)}, service exited: {service.HasExited}"),
            Timeout, () => "", TestContext.Current.CancellationToken);
        Directory.Exists(cluster.RootDirectory).Should().BeFalse("the cluster's data folder goes with it");
        File.Delete(log);
    }

    private static bool Gone(int pid)
    {
        try { return !Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "); }
        catch (IOException) { return true; }
    }
}
