using System.Diagnostics;
using System.Reflection;
using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;
using Acceptance.Gate.Linting;
using Acceptance.Gate.Readiness;
using Acceptance.Gate.Reporting;
using Acceptance.Gate.Results;
using Acceptance.Gate.Sharding;
using Acceptance.Gate.Steps;

namespace Acceptance.Gate.Running;

/// <summary>One gate run, start to verdict: lint the inventory, run the suite, write the reports, decide.</summary>
public static class GateRun
{
    public static async Task<int> ExecuteAsync(GateOptions options, TextWriter output)
    {
        var repositoryRoot = RepositoryRoot();
        var reportsRoot = Path.Combine(repositoryRoot, "reports");
        var runFolder = Path.GetFullPath(options.ReportsDirectory ?? Path.Combine(reportsRoot, DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'")));
        var previous = options.PreviousReadiness ?? LatestReadiness(reportsRoot, runFolder);
        Directory.CreateDirectory(runFolder);
        var configuration = Configuration(options);
        var redactor = new SecretRedactor(configuration);
        if (options.CheckContract)
            return await ContractPreflight.RunAsync(SuiteAssembly(), options, runFolder, output);

        var featuresRoot = Path.GetFullPath(options.FeaturesDirectory ?? Path.Combine(repositoryRoot, "Features"));
        var inventory = GherkinInventory.Load(featuresRoot, repositoryRoot);
        TagSelectionCheck.Check(options, inventory);
        var settings = new ReadinessSettings
        {
            BlockOnNotVerified = options.BlockOnNotVerified,
            RegressionThresholdPercent = options.RegressionThresholdPercent,
            StarvedAtSlowdown = options.StarvedAtSlowdown,
            Rehearsal = options.RealApis && options.Rehearse,
        };
        var lint = TagLinter.Lint(inventory, settings.Today);
        foreach (var error in lint)
            output.WriteLine($"lint: {error}");
        if (!StepCheck.Passes(featuresRoot, repositoryRoot, SuiteAssembly(), runFolder, output))
            return ExitCodes.GateFailed;
        if (options.LintOnly)
        {
            output.WriteLine(lint.Count == 0 ? "lint: every tag and step is fine." : $"lint: {lint.Count} tag problem(s).");
            return lint.Count == 0 ? ExitCodes.Ready : ExitCodes.GateFailed;
        }

        if (options.Shard is { } shard)
        {
            // Only an explicit --previous balances shards: every agent must compute the same plan.
            (options, var manifest) = ShardRun.Prepare(options, shard, inventory, options.PreviousReadiness, RunIdentityReader.Read(repositoryRoot).Commit, runFolder);
            output.WriteLine($"shard {shard}: {manifest.Features.Count} of {manifest.AllFeatures.Count} features, balanced by {manifest.BalancedBy}: {string.Join(", ", manifest.Features)}");
            if (manifest.Features.Count == 0)
            {
                await File.WriteAllTextAsync(Path.Combine(runFolder, ShardMerge.MessagesFile), "");
                output.WriteLine($"shard {shard} has nothing to run.");
                return ExitCodes.Ready;
            }
        }
        // Settings (and for external and compose the contract) are checked before any scenario, so they stop the run with one message.
        if (await ContractPreflight.RunAsync(SuiteAssembly(), options, runFolder, output) is not ExitCodes.Ready and var refused)
            return refused;
        settings = settings with { Selection = options.Selection };
        output.WriteLine($"Acceptance gate · target {options.Target} · tags {string.Join(",", options.Tags)} · reports {runFolder}");
        var clock = Stopwatch.StartNew();
        var progress = new ProgressPrinter(output);
        var passes = SuitePasses.Plan(options, inventory, runFolder);
        var environments = new List<EnvironmentStatus>();
        foreach (var pass in passes)
        {
            if (passes.Count > 1)
                output.WriteLine($"pass {environments.Count + 1} of {passes.Count}: {pass.Name} · tags {string.Join(",", pass.Options.Tags)} · reports {pass.Folder}");
            Directory.CreateDirectory(pass.Folder);
            await SuiteLaunch.RunAsync(SuiteAssembly(), pass.Options, pass.Folder, progress);
            var status = EnvironmentStatus.Read(pass.Folder);
            if (pass.Options.RealApis && RealApiEstimate.Read(pass.Folder) is { } estimate)
                output.WriteLine($"pre-flight estimate of the real-API documents: {PathToReady.Usd(estimate.TotalUsd)} (LlamaParse {PathToReady.Usd(estimate.LlamaParseUsd)} " +
                                 $"of {PathToReady.Usd(estimate.LlamaParseBudgetUsd)}, OpenAI {PathToReady.Usd(estimate.OpenAiUsd)} of {PathToReady.Usd(estimate.OpenAiBudgetUsd)})");
            if (status is { BadConfiguration: true })
            {
                output.WriteLine($"bad configuration: {status.Error}");
                return ExitCodes.BadConfiguration;
            }
            if (status is not { Ready: true })
            {
                output.WriteLine($"The {options.Target} environment could not start: {status?.Error ?? "the suite stopped before reporting on it"}.");
                output.WriteLine($"Service logs: {Path.Combine(pass.Folder, "logs")}. On a fresh machine run scripts/setup.sh first.");
                return ExitCodes.EnvironmentFailed;
            }
            environments.Add(status);
        }
        await SuitePasses.MergeAsync(passes, runFolder);
        // The most starved pass decides whether speed could be judged; the last (the longest, on the mocks) gives the stretch.
        var environment = environments[^1] with { CpuCanary = environments.Select(e => e.CpuCanary).OfType<CpuSlowdown>().MaxBy(c => c.Worst ?? 0) };

        var messages = Path.Combine(runFolder, ShardMerge.MessagesFile);
        var results = File.Exists(messages) ? MessageStreamReader.Read(messages) : RunResults.Empty;
        if (environment.CpuCanary is { } cpu) configuration["cpuSlowdown"] = cpu.ToString();
        if (environment.LocalTimesStretchedBy is > 1 and var stretch)
            configuration["localTimesStretchedBy"] = $"{stretch.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}× for the starved machine (leases, retry window, shutdown deadline, scrape interval; alert rules compressed that much less)";
        var (commit, branch) = RunIdentityReader.Read(repositoryRoot);
        var identity = new RunIdentity(commit, branch, options.Target, Environment.MachineName, null, clock.Elapsed, configuration, environment.CpuCanary);
        var report = ReadinessEvaluator.Evaluate(
            inventory, results, lint, settings, identity,
            previous is null ? null : PreviousRun.LoadBaselines(previous),
            redactor.FindLeaks(runFolder),
            RealApiEstimate.Read(runFolder));
        ReportSet.Write(report, runFolder, redactor);
        // The spend and the latencies that matter are the real-API pass's, in its own folder when it had one.
        var realApiFolder = passes.FirstOrDefault(p => p.Options.RealApis)?.Folder ?? runFolder;
        CostReport.Append(runFolder, realApiFolder, redactor);
        LatencyReport.Append(runFolder, realApiFolder, redactor);
        if (File.Exists(Path.Combine(runFolder, LivingDocumentation.FileName)))
            LivingDocumentation.AddVerdictBanner(Path.Combine(runFolder, LivingDocumentation.FileName), report, redactor);

        output.WriteLine();
        output.WriteLine($"{progress.Finished} scenario(s) run, {progress.Failures} failed, in {clock.Elapsed:m\\:ss}.");
        ConsoleVerdict.Write(report, runFolder, output);
        if (options.Shard is { } part)
        {
            output.WriteLine($"shard {part}: the release verdict comes from scripts/gate.sh merge over every shard's report folder.");
            return progress.Failures == 0 && progress.Finished > 0 ? ExitCodes.Ready : ExitCodes.GateFailed;
        }
        return ExitCodes.Of(report.Verdict);
    }

    /// <summary>The options as the report's configuration table, plus the suite settings given by environment.</summary>
    private static Dictionary<string, string> Configuration(GateOptions options)
    {
        var configuration = new Dictionary<string, string>
        {
            ["target"] = options.Target,
            ["tags"] = string.Join(",", options.Tags),
            ["excludedTags"] = string.Join(",", options.ExcludedTags),
            ["documents"] = options.Documents?.ToString() ?? "default",
            ["concurrency"] = options.Concurrency?.ToString() ?? "default",
            ["budgetUsd"] = options.BudgetUsd?.ToString() ?? "none",
            ["blockOnNotVerified"] = options.BlockOnNotVerified.ToString(),
        };
        foreach (var entry in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>())
        {
            var name = (string)entry.Key;
            if (name.StartsWith("ACCEPTANCE__", StringComparison.Ordinal) || name.EndsWith("_API_KEY", StringComparison.Ordinal))
                configuration[name] = (string?)entry.Value ?? "";
        }
        configuration["realApis"] = options.RealApis.ToString();
        configuration["rehearsal"] = (options.RealApis && options.Rehearse).ToString();
        // Keys read from files are secrets too: the report masks them and the secret scan looks for their values.
        foreach (var (name, file) in new[] { ("LLAMA_CLOUD_API_KEY (file)", options.LlamaParseKeyFile), ("OPENAI_API_KEY (file)", options.OpenAiKeyFile) })
        {
            if (file is not null && File.Exists(file)) configuration[name] = File.ReadAllText(file).Trim();
        }
        return configuration;
    }

    private static string? LatestReadiness(string reportsRoot, string currentRun) =>
        Directory.Exists(reportsRoot)
            ? Directory.GetDirectories(reportsRoot)
                .Where(d => Path.GetFullPath(d) != currentRun && File.Exists(Path.Combine(d, ReportSet.ReadinessJson)))
                .Order(StringComparer.Ordinal)
                .Select(d => Path.Combine(d, ReportSet.ReadinessJson))
                .LastOrDefault()
            : null;

    internal static string SuiteAssembly() =>
        typeof(GateRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AcceptanceSuite").Value!;

    internal static string RepositoryRoot() =>
        typeof(GateRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}
