using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// Keeps the step definitions thin (STYLE.md, "Step definitions: thin, by domain concept"): a binding
/// class with many dependencies is several concepts, and transport, files, processes and environment
/// variables are the drivers' business. Reads the built suite and its sources; starts no pipeline.
/// </summary>
public sealed partial class ThinStepTests
{
    /// <summary>More than this many constructor dependencies means the class mixes concepts.</summary>
    private const int MostDependencies = 6;

    private static readonly Lazy<Assembly> Suite = new(LoadSuite);

    /// <summary>What a step may not touch, with the reason the failure message gives.</summary>
    private static readonly (Regex Pattern, string Why)[] DriversOnly =
    [
        (new Regex(@"(?<!Support\.)\bFile\.\w+"), "file I/O belongs in a driver"),
        (new Regex(@"(?<!Support\.)\bDirectory\.\w+"), "file I/O belongs in a driver"),
        (new Regex(@"(?<![\w.])(System\.)?Environment\.(Get|Set)\w*"), "environment variables belong in a driver"),
        (new Regex(@"""[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+""|""[A-Z][A-Z0-9]*_[A-Z0-9_]+"""), "service settings (environment variables) belong in a driver"),
        (new Regex(@"\bStatusCode\b|\bStatus\s*(==|!=|>=|<=|>|<)\s*[1-5]\d\d\b|\.Be(InRange)?\(\s*[1-5]\d\d\s*[,)]|==\s*[1-5]\d\d\b"), "HTTP status codes belong in a driver; steps use its outcomes"),
        (new Regex(@"\bHttpClient\b|\bRestClient\b|\bRestRequest\b"), "HTTP belongs in a driver"),
        (new Regex(@"\bNpgsql\w*"), "SQL belongs in a driver"),
        (new Regex(@"\bProcess(StartInfo)?\b"), "processes belong in a driver"),
        (new Regex(@"""(job_validated|parsing|parsed|parse_validated|chunking|chunks_buffered|embedding|embeddings_buffered|embedded|working|done|deadletter|webhook_received|deadlettered|requeued|lease_reclaimed)"""),
            "stages, states and audit events are named by the contract's vocabulary (Pipeline.Contract), not spelled out in steps"),
    ];

    [Fact]
    public void No_binding_class_has_more_than_six_dependencies()
    {
        var bindings = Suite.Value.GetTypes().Where(IsBinding).ToList();
        bindings.Should().NotBeEmpty("the suite's step definitions must be found");

        var crowded = bindings
            .Select(type => (type.Name, Dependencies: type.GetConstructors().Select(c => c.GetParameters().Length).DefaultIfEmpty(0).Max()))
            .Where(binding => binding.Dependencies > MostDependencies)
            .OrderByDescending(binding => binding.Dependencies)
            .Select(binding => $"{binding.Name} has {binding.Dependencies}");
        // Joined, so the message names every offender, not only the first.
        string.Join(", ", crowded).Should().BeEmpty($"a binding class with more than {MostDependencies} dependencies is several domain concepts; split it");
    }

    [Fact]
    public void No_step_definition_touches_files_environment_variables_http_sql_or_processes()
    {
        var sources = Directory.GetFiles(StepDefinitionsFolder, "*.cs");
        sources.Should().NotBeEmpty($"the step definitions must be found in {StepDefinitionsFolder}");

        var offences = sources
            .SelectMany(path => File.ReadAllLines(path).Select((line, index) => (File: Path.GetFileName(path), Line: index + 1, Text: line)))
            .Where(line => !line.Text.TrimStart().StartsWith("using ", StringComparison.Ordinal))
            .SelectMany(line => DriversOnly
                .Where(rule => rule.Pattern.IsMatch(line.Text))
                .Select(rule => $"{line.File}:{line.Line} {rule.Why}: {line.Text.Trim()}"));
        string.Join(Environment.NewLine, offences).Should().BeEmpty("steps translate sentences and call drivers; drivers own transport, files and settings");
    }

    [Theory]
    [InlineData("    File.Exists(path).Should().BeTrue();", true)]
    [InlineData("    var text = await System.IO.File.ReadAllTextAsync(path);", true)]
    [InlineData("    Environment.SetEnvironmentVariable(\"X\", \"1\");", true)]
    [InlineData("    [\"PIPELINE_STAGE_DELAYS\"] = \"parsing=4000\",", true)]
    [InlineData("    [\"Worker__Concurrency\"] = \"3\",", true)]
    [InlineData("    outcome.StatusCode.Should().Be(503);", true)]
    [InlineData("    requests.Should().Contain(r => r.Status == 429);", true)]
    [InlineData("    (await api.LivenessAsync()).Should().Be(200, \"alive\");", true)]
    [InlineData("    using var client = new HttpClient();", true)]
    [InlineData("    await using var connection = new NpgsqlConnection(cs);", true)]
    [InlineData("    Process.Start(\"kill\");", true)]
    [InlineData("    if (environment.Target != \"local\") runtime.TestIgnore(reason);", false)]
    [InlineData("    var profile = ServiceProcessTable.Of(processes);", false)]
    [InlineData("    outcome.TemporarilyUnavailable.Should().BeTrue(outcome.Answer);", false)]
    [InlineData("    limit.Should().BeLessThan(TimeSpan.FromSeconds(200));", false)]
    [InlineData("    outcome.StatusCode.Should().BeInRange(400, 499);", true)]
    [InlineData("    job.Stage.Should().Be(\"embedded\");", true)]
    [InlineData("    (await database.EventCountAsync(jobId, \"lease_reclaimed\")).Should().Be(0);", true)]
    [InlineData("    [Then(\"the document is embedded within {duration}\")]", false)]
    [InlineData("    (await api.LivenessAsync()).Should().Be(Health.Up);", false)]
    public void The_source_scan_tells_driver_work_from_sentence_translation(string line, bool offends) =>
        DriversOnly.Any(rule => rule.Pattern.IsMatch(line)).Should().Be(offends, line);

    private static bool IsBinding(Type type) =>
        type.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "Reqnroll.BindingAttribute")
        && type.GetConstructors().Length > 0;

    private static string Metadata(string key) => typeof(ThinStepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;

    private static string StepDefinitionsFolder => Metadata("SuiteStepDefinitions");

    /// <summary>The built suite in a load context of its own, its dependencies resolved from its deps.json.</summary>
    private static Assembly LoadSuite()
    {
        var path = Metadata("AcceptanceSuite");
        File.Exists(path).Should().BeTrue($"the suite must be built first ({path})");
        return new SuiteLoadContext(path).LoadFromAssemblyPath(path);
    }

    private sealed class SuiteLoadContext(string suitePath) : AssemblyLoadContext("acceptance-suite", isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(suitePath);

        protected override Assembly? Load(AssemblyName name) =>
            _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}
