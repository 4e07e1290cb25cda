using System.Runtime.InteropServices;
using Acceptance.Support.Backup;
using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using Acceptance.Support.Waiting;
using Pipeline.TestKit;

namespace PipelineByHand;

/// <summary>
/// Starts the bundled reference pipeline (the gate's local target), writes &lt;state&gt;/state.json once it is ready,
/// and runs until SIGTERM or Ctrl+C; then stops everything it started and removes the state file. A start that fails
/// leaves &lt;state&gt;/failed.txt with the reason.
/// </summary>
public static class PipelineHost
{
    private const string DemoUser = "demo";

    public static async Task<int> RunAsync(string stateDirectory, decimal? budgetUsd)
    {
        var logDirectory = Path.Combine(stateDirectory, "logs");
        Directory.CreateDirectory(logDirectory);
        File.Delete(Path.Combine(stateDirectory, "failed.txt"));

        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void RequestStop(PosixSignalContext context)
        {
            context.Cancel = true; // dispose the pipeline ourselves instead of dying with children left behind
            stopRequested.TrySetResult();
        }
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);

        LocalPipelineEnvironment environment;
        SuiteOptions options;
        SpendCaps? caps;
        try
        {
            options = SuiteOptionsLoader.Load();
            caps = SpendCaps.Apply(options, budgetUsd);
            environment = await LocalPipelineEnvironment.StartAsync(options, logDirectory);
        }
        catch (Exception e)
        {
            await File.WriteAllTextAsync(Path.Combine(stateDirectory, "failed.txt"), e.Message + Environment.NewLine);
            Console.Error.WriteLine($"The pipeline could not start: {e.Message}");
            return 2;
        }

        await using (environment)
        {
            var sample = TestDocuments.Get(TestDocuments.InsurancePolicy);
            var samplePath = Path.Combine(stateDirectory, sample.FileName);
            await File.WriteAllBytesAsync(samplePath, sample.Bytes);
            var state = new PipelineState(
                Environment.ProcessId,
                DateTimeOffset.UtcNow,
                environment.ApiBaseUrl.ToString().TrimEnd('/'),
                environment.Mocks!.OpenAi.ToString().TrimEnd('/'),
                environment.Mocks.LlamaParse.ToString().TrimEnd('/'),
                environment.DatabaseConnectionString,
                DemoUser,
                environment.Tokens.Settings,
                caps,
                samplePath,
                logDirectory,
                environment.ProcessIds,
                environment.MetricsUrls,
                environment.StorageRoot,
                environment.Retry!,
                environment.ProviderKeys);
            state.WriteTo(stateDirectory);
            Console.WriteLine($"pipeline ready in {environment.StartupTime.TotalSeconds:0.0} s; stop it with SIGTERM (scripts/pipeline.sh down)");

            var control = new PipelineControl(environment);
            using var backup = new BackupControl(new LocalBackupProcedure(environment, BackupControl.ArchiveIn(stateDirectory), options, new Waiter(options)));
            using var stopping = new CancellationTokenSource();
            var serving = ControlSocket.ServeAsync(stateDirectory, async (verb, service, settings) =>
            {
                var answer = BackupControl.Verbs.Contains(verb) ? await backup.RunAsync(verb, settings) : await control.RunAsync(verb, service, settings);
                Console.WriteLine($"{verb} {service}: exit {answer.ExitStatus}");
                // A service started again has a new process id, which `down` must know to check nothing outlives it.
                (state with { ProcessIds = control.ProcessIds }).WriteTo(stateDirectory);
                return answer;
            }, stopping.Token);

            await stopRequested.Task;
            Console.WriteLine("stopping the pipeline");
            await stopping.CancelAsync();
            await serving;
        }
        File.Delete(Path.Combine(stateDirectory, PipelineState.FileName));
        Console.WriteLine("pipeline stopped");
        return 0;
    }
}
