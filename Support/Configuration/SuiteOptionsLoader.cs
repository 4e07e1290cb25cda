using Microsoft.Extensions.Configuration;

namespace Acceptance.Support.Configuration;

/// <summary>Reads and validates <see cref="SuiteOptions"/>; every problem is reported at once, in words that say what to fix.</summary>
public static class SuiteOptionsLoader
{
    public static SuiteOptions Load()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("acceptance.settings.json", optional: true)
            // The mocks' latency profile a real-API run measured (its mock-latency-profile.json, copied here).
            .AddJsonFile("mock-latency-profile.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new SuiteOptions();
        configuration.GetSection("Acceptance").Bind(options);
        var problems = NormaliseServiceNames(options.External).ToList();
        problems.AddRange(Validate(options));
        if (problems.Count > 0)
            throw new InvalidSuiteConfigurationException(problems);
        return options;
    }

    /// <summary>Service names given in their shell-safe form (BASE_WORKER_1) become the names the suite uses (base-worker-1).</summary>
    public static IEnumerable<string> NormaliseServiceNames(ExternalOptions external)
    {
        external.MetricsUrls = ServiceNames.Normalise(external.MetricsUrls, out var metricsClashes);
        external.Control.Services = ServiceNames.Normalise(external.Control.Services, out var controlClashes);
        return metricsClashes.Select(s => $"Acceptance:External:MetricsUrls names {s} twice (once as {ServiceNames.ToSetting(s)}); keep one.")
            .Concat(controlClashes.Select(s => $"Acceptance:External:Control:Services names {s} twice (once as {ServiceNames.ToSetting(s)}); keep one."));
    }

    public static IEnumerable<string> Validate(SuiteOptions options)
    {
        if (options.Target is not ("local" or "compose" or "external"))
            yield return $"Acceptance:Target is '{options.Target}'; use 'local' (bundled reference pipeline), 'compose' (docker-compose.yml) or 'external' (your own URLs).";
        if (options.Timeouts.DocumentEmbeddedSeconds <= 0)
            yield return "Acceptance:Timeouts:DocumentEmbeddedSeconds must be a positive number of seconds.";
        if (options.Timeouts.PollMilliseconds is <= 0 or > 5000)
            yield return "Acceptance:Timeouts:PollMilliseconds must be between 1 and 5000.";
        if (options.Timeouts.TimeScale is < 1 or > 20)
            yield return "Acceptance:Timeouts:TimeScale must be between 1 and 20 (it multiplies every functional wait limit).";
        if (options.Timeouts.MaxStarvationStretch is < 1 or > 50)
            yield return "Acceptance:Timeouts:MaxStarvationStretch must be between 1 (waits ignore the CPU canary) and 50.";
        if (options.Workload.Documents < 1)
            yield return "Acceptance:Workload:Documents must be at least 1.";
        if (options.Workload.Concurrency < 1)
            yield return "Acceptance:Workload:Concurrency must be at least 1.";
        if (options.Local.Workers < 1)
            yield return "Acceptance:Local:Workers must be at least 1.";
        if (options.Local.FullCollectionSeconds < 0)
            yield return "Acceptance:Local:FullCollectionSeconds must be 0 (the runtime's own collections only) or a positive number of seconds.";
        foreach (var problem in options.Monitoring.Problems().Concat(options.Backup.Problems()).Concat(LoadOptionsValidation.Problems(options.Load)))
            yield return problem;
        if (options.Target == "compose")
            foreach (var problem in ComposeProblems(options.Compose))
                yield return problem;
        if (options.Target == "external")
        {
            if (!Uri.TryCreate(options.External.ApiUrl, UriKind.Absolute, out _))
                yield return "Acceptance:External:ApiUrl must be the absolute URL of your api-server (ACCEPTANCE__EXTERNAL__APIURL).";
            if (string.IsNullOrWhiteSpace(options.External.DatabaseConnectionString))
                yield return "Acceptance:External:DatabaseConnectionString is required for the external target (ACCEPTANCE__EXTERNAL__DATABASECONNECTIONSTRING).";
            if (options.External.JwtSigningKey.Length < 32)
                yield return "Acceptance:External:JwtSigningKey must be the api-server's HS256 key, at least 32 characters (ACCEPTANCE__EXTERNAL__JWTSIGNINGKEY).";
            foreach (var (service, url) in options.External.MetricsUrls)
                if (!Uri.TryCreate(url, UriKind.Absolute, out _))
                    yield return $"Acceptance:External:MetricsUrls:{service} must be the absolute URL of that service's /metrics, not '{url}'.";
            foreach (var (name, url) in new[] { ("MockOpenAiUrl", options.External.MockOpenAiUrl), ("MockLlamaParseUrl", options.External.MockLlamaParseUrl) })
                if (url.Length > 0 && !Uri.TryCreate(url, UriKind.Absolute, out _))
                    yield return $"Acceptance:External:{name} must be the absolute URL of that mock (its admin API included), not '{url}'.";
            if ((options.External.MockOpenAiUrl.Length == 0) != (options.External.MockLlamaParseUrl.Length == 0))
                yield return "Acceptance:External:MockOpenAiUrl and MockLlamaParseUrl come together: name both mocks or neither.";
            if (options.External.Control.CommandTimeoutSeconds <= 0)
                yield return "Acceptance:External:Control:CommandTimeoutSeconds must be a positive number of seconds.";
            if (options.External.Control.ReactionSeconds < 0)
                yield return "Acceptance:External:Control:ReactionSeconds must be zero or a positive number of seconds.";
            var restoreTo = options.External.Control.Backup.RestoreTo;
            if (restoreTo.Length > 0 && !restoreTo.Contains(BackupCommands.TimePlaceholder, StringComparison.Ordinal))
                yield return $"Acceptance:External:Control:Backup:RestoreTo must contain {BackupCommands.TimePlaceholder}, where the suite writes the moment to restore to.";
            if (options.External.Control.Scale.Length > 0 && !options.External.Control.Scale.Contains(ControlOptions.CountPlaceholder, StringComparison.Ordinal))
                yield return $"Acceptance:External:Control:Scale must contain {ControlOptions.CountPlaceholder}, where the suite puts the number of workers it wants.";
            if (options.External.StorageRoot.Length > 0 && !Directory.Exists(options.External.StorageRoot))
                yield return $"Acceptance:External:StorageRoot '{options.External.StorageRoot}' is not a folder here; name the folder the pipeline's stored files are in, or leave it empty.";
            if (options.External.RetryWindowSeconds.HasValue != options.External.BackoffMaxMs.HasValue)
                yield return "Acceptance:External:RetryWindowSeconds and BackoffMaxMs come together: give both of the workers' retry settings or neither.";
            if (options.External.RetryWindowSeconds <= 0 || options.External.BackoffMaxMs <= 0)
                yield return "Acceptance:External:RetryWindowSeconds and BackoffMaxMs must be positive (seconds and milliseconds).";
        }
    }

    private static IEnumerable<string> ComposeProblems(ComposeOptions compose)
    {
        foreach (var file in compose.Files.Where(f => !File.Exists(f)))
            yield return $"Acceptance:Compose:Files names '{file}', which is no file (from {System.Environment.CurrentDirectory}).";
        if (!System.Text.RegularExpressions.Regex.IsMatch(compose.ProjectName, "^[a-z0-9][a-z0-9_-]*$"))
            yield return $"Acceptance:Compose:ProjectName is '{compose.ProjectName}'; a compose project name is lower-case letters, digits, '-' and '_'.";
        foreach (var problem in Control.ComposeServiceMap.Problems(compose))
            yield return problem;
    }
}

public sealed class InvalidSuiteConfigurationException(IReadOnlyList<string> problems)
    : Exception("The acceptance suite's configuration is not valid:\n  - " + string.Join("\n  - ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
