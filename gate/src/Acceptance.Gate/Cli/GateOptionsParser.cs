using System.Globalization;

namespace Acceptance.Gate.Cli;

/// <summary>Reads the gate's command line; a mistake is reported with the option's name and what it accepts.</summary>
public static class GateOptionsParser
{
    public const string Help = """
        Runs the Phase 4 acceptance gate and writes the living documentation and readiness report.

        usage: scripts/gate.sh [options]

          --target <local|compose|external>  where the pipeline runs (default: local, the bundled reference
                                      pipeline as child processes; compose: docker-compose.yml, needs Docker;
                                      external: ACCEPTANCE__EXTERNAL__* variables, see README)
          --compose-file <file>       with --target compose: your compose file instead of docker-compose.yml; give it again to
                                      layer more files. Name its services in the service map (Acceptance:Compose:Services:Api,
                                      Workers, Database, Parser, Embeddings; docs/targets.md); a map that does not fit is exit 3
          --tags <t1,t2>              run scenarios with any of these tags (default: gate)
          --exclude-tags <t1,t2>      leave out scenarios with these tags (default: wip,ignore)
          --documents <n>             documents in workload scenarios (default: 5)
          --concurrency <n>           uploads in flight in workload scenarios (default: 3)
          --budget-usd <amount>       hard cost cap per paid provider for this run (defaults: LlamaParse $5, OpenAI $10)
          --real-apis                 the whole gate in one run, the one that can say READY: the @real-api scenarios with local
                                      workers using the real LlamaParse and OpenAI (keys from LLAMA_CLOUD_API_KEY /
                                      OPENAI_API_KEY or the files below), then every other @gate scenario on the mocks; one
                                      verdict. The pre-flight cost estimate comes first (cost-estimate.json; every report page
                                      states it): above the budget the run does not start. With --tags, only those run
          --rehearse                  with --real-apis: the same run with the @real-api scenarios against the bundled mocks
                                      (no keys, nothing spent); their criteria read "rehearsed, not verified" and the verdict
                                      is REHEARSAL, never READY
          --llamaparse-key-file <f>   read the LlamaParse key from this file
          --openai-key-file <f>       read the OpenAI key from this file
          --reports <dir>             where this run's folder goes (default: reports/<UTC timestamp>)
          --previous <readiness.json> compare baselines with an earlier run (default: the latest run in reports/)
          --allow-not-verified        criteria whose scenarios were all skipped do not block
          --regression-threshold <%>  flag a baseline worse by more than this (default: 20)
          --starved-at <slowdown>     from this CPU slowdown (the canary's worst of the run, e.g. 10 = a tenth of a core
                                      per thread) the machine is too starved to judge speed: timeouts and missed time
                                      limits are "not judged" instead of failed, and the verdict is NOT JUDGED (default: 10)
          --lint-only                 check every tag and step against the step definitions, write the step
                                      catalogue (step-catalogue.md/.html), start nothing
          --check-contract            probe the target against docs/contract/ in seconds and start no scenario: each route
                                      the suite calls and its auth (401 without a token, 404 for another user's ids), the
                                      schema's tables and columns, event types, log access, metric names, provider fakes;
                                      one table (item · present/missing/wrong/not given · what to do), also in
                                      contract-probe.md; exit 0, or 3 when an item is missing or wrong. External and
                                      compose runs probe first by themselves and stop the same way
          --features <dir>            the feature files to lint (default: Features/; the suite runs the features it was built with)
          --shard <i/n>               run share i of n of the features, balanced by the previous run's durations
                                      (see --previous) or by scenario count; merge the shards' report folders with
                                      scripts/gate.sh merge <folder>... [--reports <dir>] for the one verdict
          --help                      this text

        exit codes: 0 ready · 1 not ready: something failed, or was not verified (see readiness.md), or a step matches no definition
                    · 2 environment could not start · 3 bad configuration
                    · 4 not judged: nothing failed but on speed, on a machine too starved to judge speed (never ready; run again on a quieter machine)
                    · 5 rehearsal: --real-apis --rehearse went through (never ready; run with the keys and without --rehearse)
        """;

    public static GateOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GateOptions();
        var tagsGiven = args.Contains("--tags");
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new GateUsageException($"{name} needs a value.");
            options = name switch
            {
                "--help" or "-h" => options with { ShowHelp = true },
                "--target" => options with { Target = OneOf(name, Value(), "local", "compose", "external") },
                "--compose-file" => options with { ComposeFiles = [.. options.ComposeFiles, Value()] },
                "--tags" => options with { Tags = List(name, Value()) },
                "--exclude-tags" => options with { ExcludedTags = List(name, Value()) },
                "--documents" => options with { Documents = Positive(name, Value()) },
                "--concurrency" => options with { Concurrency = Positive(name, Value()) },
                "--budget-usd" => options with { BudgetUsd = Amount(name, Value()) },
                "--real-apis" => options with { RealApis = true, Tags = tagsGiven ? options.Tags : [GateOptions.GateTag, GateOptions.RealApiTag] },
                "--rehearse" => options with { Rehearse = true },
                "--llamaparse-key-file" => options with { LlamaParseKeyFile = Value() },
                "--openai-key-file" => options with { OpenAiKeyFile = Value() },
                "--reports" => options with { ReportsDirectory = Value() },
                "--previous" => options with { PreviousReadiness = Value() },
                "--allow-not-verified" => options with { BlockOnNotVerified = false },
                "--lint-only" => options with { LintOnly = true },
                "--check-contract" => options with { CheckContract = true },
                "--features" => options with { FeaturesDirectory = Value() },
                "--shard" => options with { Shard = Sharding.ShardSpec.Parse(Value()) },
                "--regression-threshold" => options with { RegressionThresholdPercent = Positive(name, Value()) },
                "--starved-at" => options with { StarvedAtSlowdown = Slowdown(name, Value()) },
                _ => throw new GateUsageException($"Unknown option '{name}'. Run with --help to see the options."),
            };
        }
        if (options.Rehearse && !options.RealApis)
            throw new GateUsageException("--rehearse rehearses a real-API run: give it with --real-apis.");
        if (options.ComposeFiles.Count > 0 && options.Target != "compose")
            throw new GateUsageException($"--compose-file names the compose target's files; it needs --target compose, not '{options.Target}'.");
        if (options.RealApis && options.Target != "local")
            throw new GateUsageException($"--real-apis points the local target's workers at the real providers; it needs --target local, not '{options.Target}'.");
        return options;
    }

    private static string OneOf(string name, string value, params string[] allowed) =>
        allowed.Contains(value) ? value : throw new GateUsageException($"{name} must be one of {string.Join(", ", allowed)}; got '{value}'.");

    private static IReadOnlyList<string> List(string name, string value)
    {
        var tags = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.TrimStart('@')).ToArray();
        return tags.Length > 0 ? tags : throw new GateUsageException($"{name} needs at least one tag.");
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new GateUsageException($"{name} must be a whole number above 0; got '{value}'.");

    private static double Slowdown(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var slowdown) && slowdown >= 1
            ? slowdown
            : throw new GateUsageException($"{name} must be a slowdown of at least 1 such as 10 (the CPU canary's wall time over CPU time); got '{value}'.");

    private static decimal Amount(string name, string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount >= 0
            ? amount
            : throw new GateUsageException($"{name} must be an amount in US dollars such as 0.50; got '{value}'.");
}

public sealed class GateUsageException(string message) : Exception(message);
