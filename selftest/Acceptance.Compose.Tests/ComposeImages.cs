using System.Diagnostics;
using System.Reflection;
using Pipeline.TestKit;

namespace Acceptance.Compose.Tests;

/// <summary>
/// The images the compose target starts: built by scripts/docker-base-images.sh --with-pipeline,
/// either in the background by scripts/test.sh (which names its completion marker in
/// COMPOSE_IMAGES_DONE: a file holding the script's exit code, beside its .log) or here, when the
/// tests run on their own. Yields the environment that makes docker-compose.yml use them.
/// </summary>
public static class ComposeImages
{
    private static readonly TimeSpan BuildWithin = TimeSpan.FromMinutes(25);
    private static readonly TimeSpan MarkerPoll = TimeSpan.FromSeconds(2);
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static IReadOnlyDictionary<string, string>? _environment;

    public static string RepositoryRoot => typeof(ComposeImages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static async Task<IReadOnlyDictionary<string, string>> ReadyAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _environment ??= await BuildOrAwaitAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<IReadOnlyDictionary<string, string>> BuildOrAwaitAsync()
    {
        var marker = Environment.GetEnvironmentVariable("COMPOSE_IMAGES_DONE");
        var log = marker is { Length: > 0 } ? Path.ChangeExtension(marker, ".log") : Path.Combine(Path.GetTempPath(), "compose-images.log");
        var exitCode = marker is { Length: > 0 } ? await AwaitMarkerAsync(marker, log) : await BuildAsync(log);
        if (exitCode != 0)
            throw new InvalidOperationException($"Building the compose images failed (exit {exitCode}); the end of {log}:\n{Tail(log)}");
        var cache = Environment.GetEnvironmentVariable("PIPELINE_IMAGE_CACHE") is { Length: > 0 } c ? c : "/var/cache/pipeline-images";
        return File.ReadAllLines(Path.Combine(cache, "images.env"))
            .Select(line => line.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
    }

    // Polls a file the background build writes when it ends; the build itself reports progress in its log.
    private static async Task<int> AwaitMarkerAsync(string marker, string log)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(marker) || new FileInfo(marker).Length == 0)
        {
            if (clock.Elapsed > BuildWithin)
                throw new TimeoutException($"The background build of the compose images did not finish within {BuildWithin.TotalMinutes} min; the end of {log}:\n{Tail(log)}");
            await Task.Delay(MarkerPoll);
        }
        return int.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> BuildAsync(string log)
    {
        var build = await ProcessRun.RunAsync("bash", ["scripts/docker-base-images.sh", "--with-pipeline"], BuildWithin,
            workingDirectory: RepositoryRoot);
        await File.WriteAllTextAsync(log, build.AllOutput);
        return build.ExitCode;
    }

    private static string Tail(string log) =>
        File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(30)) : "(no log)";
}
