using Pipeline.TestKit;

namespace Acceptance.Support.Control;

/// <summary>
/// Runs docker and compose commands for the target's compose files under one project name,
/// with whichever compose exists here: the v2 plugin (`docker compose`) or docker-compose 1.29
/// (Debian 12 packages only the latter). Fails with the command's own output.
/// </summary>
public sealed class DockerCompose
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);
    private readonly string[] _composeCommand;
    private readonly IReadOnlyList<string> _files;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private DockerCompose(string[] composeCommand, string projectName, IReadOnlyList<string> files, IReadOnlyDictionary<string, string> environment)
    {
        _composeCommand = composeCommand;
        ProjectName = projectName;
        _files = files;
        _environment = environment;
    }

    /// <summary>`docker compose` or `docker-compose`, whichever answers; null when neither does, with the reason.</summary>
    public static async Task<(DockerCompose? Compose, string? Missing)> FindAsync(
        string projectName, IReadOnlyList<string> composeFiles, IReadOnlyDictionary<string, string> environment)
    {
        string[][] candidates = [["docker", "compose"], ["docker-compose"]];
        foreach (var candidate in candidates)
            if (await AnswersAsync([.. candidate, "version"]))
                return (new DockerCompose(candidate, projectName, composeFiles, environment), null);
        return (null, "neither `docker compose` (Compose v2) nor `docker-compose` is installed (scripts/setup.sh installs docker-compose)");
    }

    public string Command => string.Join(' ', _composeCommand);

    public string ProjectName { get; }

    /// <summary>The services the compose files define (`config --services`: the files are read, nothing starts).</summary>
    public async Task<IReadOnlySet<string>> ServicesAsync() =>
        (await ComposeAsync("config", "--services")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

    /// <summary>The same project with another compose file layered on top (e.g. test-only settings for one service).</summary>
    public DockerCompose WithOverride(string overrideFile) => new(_composeCommand, ProjectName, [.. _files, overrideFile], _environment);

    public Task<string> ComposeAsync(params string[] arguments) => ComposeAsync(DefaultTimeout, arguments);

    public Task<string> ComposeAsync(TimeSpan timeout, params string[] arguments) =>
        RunAsync(_composeCommand[0], [.. _composeCommand[1..], "-p", ProjectName, .. _files.SelectMany(f => new[] { "-f", f }), .. arguments], timeout);

    public Task<string> DockerAsync(params string[] arguments) => RunAsync("docker", arguments, DefaultTimeout);

    private async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var result = await ProcessRun.RunAsync(program, arguments, timeout, _environment);
        if (!result.Succeeded)
            throw new InvalidOperationException($"{result.Command} failed ({result.ExitCode}): {result.Errors.Trim()} {result.Output.Trim()}".Trim());
        return result.Output;
    }

    private static async Task<bool> AnswersAsync(IReadOnlyList<string> command)
    {
        try
        {
            return (await ProcessRun.RunAsync(command[0], command.Skip(1), TimeSpan.FromSeconds(30))).Succeeded;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed at all
        }
    }
}
