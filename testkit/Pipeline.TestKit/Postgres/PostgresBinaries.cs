
namespace Pipeline.TestKit;

/// <summary>Finds the PostgreSQL server programs on this machine.</summary>
public static class PostgresBinaries
{
    private const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found. Install them with " +
        "'apt-get install -y postgresql' (scripts/setup.sh does it), or point PG_BIN at their folder.";

    /// <summary>The folder holding initdb, pg_ctl and postgres; throws with install instructions when there is none.</summary>
    public static string Locate(string? preferred = null) => LocateIn(Candidates(preferred));

    internal static string LocateIn(IEnumerable<string> candidates) =>
        candidates.FirstOrDefault(HasServerPrograms) ?? throw new InvalidOperationException(InstallHint);

    private static IEnumerable<string> Candidates(string? preferred)
    {
        if (!string.IsNullOrWhiteSpace(preferred)) yield return preferred;
        var fromEnvironment = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) yield return fromEnvironment;

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newestFirst = Directory.GetDirectories(debianRoot)
                .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin"));
            foreach (var dir in newestFirst) yield return dir;
        }

        var fromPgConfig = PgConfigBinDir();
        if (fromPgConfig is not null) yield return fromPgConfig;
    }

    private static string? PgConfigBinDir()
    {
        try
        {
            var result = ProcessRun.RunAsync("pg_config", ["--bindir"], TimeSpan.FromSeconds(10), workingDirectory: Path.GetTempPath())
                .GetAwaiter().GetResult();
            return result.ExitCode == 0 ? result.Output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }

    private static bool HasServerPrograms(string dir) =>
        new[] { "initdb", "pg_ctl", "postgres" }.All(program => File.Exists(Path.Combine(dir, program)));
}
