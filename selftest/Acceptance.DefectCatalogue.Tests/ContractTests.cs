using System.Text.Json;
using System.Text.RegularExpressions;
using Acceptance.Support.Drivers;
using Acceptance.Support.Vocabulary;
using FluentAssertions;
using Pipeline.Contract;
using Xunit;
using static Acceptance.DefectCatalogue.Tests.ContractSource;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// Keeps docs/contract/ true: whatever the suite's drivers read from a pipeline (tables, columns, jsonb
/// keys, event types, routes, metric names, log properties) must be listed there, found in the drivers'
/// own source rather than in a second hand-kept list, so a team implementing the contract learns of
/// everything the suite will read. Reads files only; starts no pipeline.
/// </summary>
public sealed class ContractTests
{
    /// <summary>The suite's own Prometheus and Alertmanager (Support/Monitoring) answer there; they are not part of the pipeline.</summary>
    private const string SuiteOwnMonitoring = "Support/Monitoring/";

    /// <summary>Reads Docker's own answers (docker inspect's published ports) for the compose target; not the pipeline's.</summary>
    private const string DockerAnswers = "Support/Control/ComposePorts.cs";

    /// <summary>
    /// The contract probe checks a target against contract.json itself: its SQL reads PostgreSQL's catalogue
    /// (information_schema, pg_constraint) and takes every contract name from contract.json, so it reads nothing unlisted.
    /// </summary>
    private const string ContractProbe = "Support/ContractProbe/";

    [Fact]
    public void Every_table_view_and_column_a_driver_reads_is_in_the_contract()
    {
        var listed = SqlNamesListed();
        var reads = SupportFiles()
            .Where(file => !file.Path.Replace('\\', '/').StartsWith(ContractProbe, StringComparison.Ordinal))
            .SelectMany(file => SqlStatements(file.Text).SelectMany(SqlIdentifiers).Select(name => new Read(name, file.Path)))
            .ToList();

        reads.Should().Contain(read => read.Value == "upload_jobs", "the drivers' SQL must be found in Support/");
        Unlisted(reads, listed).Should().BeEmpty("docs/contract/contract.json (database) must list every table, view and column a driver reads");
    }

    [Fact]
    public void Every_jsonb_key_and_event_type_a_driver_reads_is_in_the_contract()
    {
        var tables = Contract.GetProperty("database").GetProperty("tables");
        var eventTypes = Contract.GetProperty("events").GetProperty("types");
        var listedKeys = new Dictionary<string, IReadOnlySet<string>>
        {
            ["detail"] = eventTypes.EnumerateObject().SelectMany(t => t.Value.GetProperty("detail").Names()).ToHashSet(),
            ["payload"] = tables.GetProperty("upload_jobs").GetProperty("payloadKeys").Names(),
        };
        var statements = SupportFiles().SelectMany(file => SqlStatements(file.Text).Select(sql => (file.Path, Sql: sql))).ToList();

        var keys = statements.SelectMany(s => JsonKeys(s.Sql).Select(k => (k.Column, Read: new Read(k.Key, s.Path)))).ToList();
        keys.Should().Contain(k => k.Column == "detail", "the retry records are read from the events' detail");
        keys.Where(k => !listedKeys[k.Column].Contains(k.Read.Value)).Select(k => $"{k.Read} ({k.Column})")
            .Should().BeEmpty("contract.json must list every jsonb key a driver reads");

        // Event types named in SQL, and those taken from the contract's vocabulary anywhere in the suite.
        var types = statements.SelectMany(s => EventTypeLiterals(s.Sql).Select(t => new Read(t, s.Path)))
            .Concat(SupportFiles().Concat(FilesUnder("StepDefinitions"))
                .SelectMany(file => VocabularyConstants(file.Text, typeof(EventTypes)).Select(t => new Read(t, file.Path))))
            .ToList();
        types.Should().Contain(t => t.Value == EventTypes.StageTransition);
        Unlisted(types, eventTypes.Names()).Should().BeEmpty("contract.json (events) must list every event type the suite reads");
    }

    [Fact]
    public void Every_route_a_driver_calls_is_in_the_contract()
    {
        var listed = RoutesListed();
        var calls = SupportFiles()
            .Where(file => !file.Path.Replace('\\', '/').StartsWith(SuiteOwnMonitoring, StringComparison.Ordinal))
            .SelectMany(file => Routes(file.Text).Select(route => new Read(route, file.Path)))
            .ToList();

        calls.Should().Contain(call => call.Value == "api/v1/jobs/{}", "the drivers' routes must be found in Support/");
        calls.Where(call => !IsListed(call.Value, listed)).Select(call => call.ToString())
            .Should().BeEmpty("docs/contract/openapi.json (api-server) or contract.json (fakes) must list every route a driver calls");
    }

    [Fact]
    public void Every_answer_field_a_driver_reads_is_in_the_contract()
    {
        var listed = AnswerFieldsListed();
        var reads = SupportFiles()
            .Where(file => !file.Path.Replace('\\', '/').StartsWith(SuiteOwnMonitoring, StringComparison.Ordinal) && !ReadsLogLines(file.Text))
            .Where(file => file.Path.Replace('\\', '/') != DockerAnswers)
            .SelectMany(file => AnswerFieldsRead(file.Text).Select(name => new Read(name, file.Path)))
            // The views the driver deserialises answers into: their properties, as System.Text.Json's web defaults name them.
            .Concat(new[] { typeof(JobView), typeof(JobError), typeof(TimelineEntry), typeof(DocumentView) }
                .SelectMany(view => view.GetConstructors().Single().GetParameters().Select(p => new Read(JsonNamingPolicy.CamelCase.ConvertName(p.Name!), view.Name))))
            .ToList();

        reads.Should().Contain(read => read.Value == "deduplicated", "the upload answer's fields must be found in Support/");
        Unlisted(reads, listed).Should().BeEmpty("openapi.json (schemas) or contract.json (fakes' responseFields) must list every answer field a driver reads");
    }

    [Fact]
    public void Every_metric_the_suite_reads_is_in_the_contract()
    {
        var listed = Contract.GetProperty("metrics").GetProperty("series").Names();
        var reads = SupportFiles()
            .SelectMany(file => ContractSource.MetricNames(file.Text).Concat(VocabularyConstants(file.Text, typeof(Pipeline.Contract.MetricNames)))
                .Select(name => new Read(name, file.Path)))
            .ToList();

        reads.Should().Contain(read => read.Value == "process_cpu_seconds_total", "the metric names must be found in Support/");
        Unlisted(reads, listed).Should().BeEmpty("contract.json (metrics) must list every series the suite reads");
        typeof(Pipeline.Contract.MetricNames).GetFields().Select(f => (string)f.GetValue(null)!).Should().BeSubsetOf(listed,
            "the shared vocabulary's metric names are the contract's");
    }

    [Fact]
    public void Every_log_property_a_log_reader_reads_is_in_the_contract()
    {
        var listed = Contract.GetProperty("logs").GetProperty("properties").Names();
        var readers = SupportFiles().Where(file => ReadsLogLines(file.Text)).ToList();
        var reads = readers.SelectMany(file => JsonPropertiesRead(file.Text).Select(name => new Read(name, file.Path))).ToList();

        readers.Should().NotBeEmpty("the service log reader must be found in Support/");
        reads.Should().Contain(read => read.Value == "CorrelationId");
        Unlisted(reads, listed).Should().BeEmpty("contract.json (logs) must list every property a log reader takes from a line");
    }

    [Fact]
    public void The_contract_names_the_shared_vocabulary_and_its_error_keys()
    {
        Contract.GetProperty("stages").Names().Should().BeEquivalentTo(Stages.InOrder);
        Contract.GetProperty("stages").EnumerateArray().Select(s => s.GetString()).Should().Equal(Stages.InOrder, "in the order a document passes them");
        Contract.GetProperty("jobStates").Names().Should().BeEquivalentTo(JobStates.All);
        var keys = ErrorCatalogue.Entries.Select(e => e.Code).ToHashSet();
        typeof(Reasons).GetFields().Select(f => (string)f.GetValue(null)!).Should().BeSubsetOf(keys, "the reasons the scenarios name are the contract's error keys");
    }

    [Fact]
    public void Every_table_and_column_the_contract_lists_exists_in_the_reference_pipelines_schema()
    {
        var migrations = string.Join('\n', Directory.GetFiles(Path.Combine(RepositoryRoot, "reference-pipeline/src/Pipeline.Core/Migrations"), "*.sql")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText));
        var columnsOf = Regex.Matches(migrations, @"CREATE TABLE IF NOT EXISTS upload_pipeline\.(?<table>\w+) \((?<body>.*?)\n\);", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups["table"].Value, m => Regex.Matches(m.Groups["body"].Value, @"^\s+(?<column>[a-z_][a-z0-9_]*)\s+[a-z]", RegexOptions.Multiline)
                .Select(c => c.Groups["column"].Value)
                .Concat(Regex.Matches(migrations, $@"ALTER TABLE upload_pipeline\.{m.Groups["table"].Value} ADD COLUMN IF NOT EXISTS (?<column>\w+)").Select(c => c.Groups["column"].Value))
                .ToHashSet());

        var missing = Contract.GetProperty("database").GetProperty("tables").EnumerateObject()
            .SelectMany(table => columnsOf.TryGetValue(table.Name, out var columns)
                ? table.Value.GetProperty("columns").Names().Where(c => !columns.Contains(c)).Select(c => $"{table.Name}.{c}")
                : [$"{table.Name} (no such table)"]);
        columnsOf.Should().ContainKey("upload_jobs", "the reference pipeline's migrations must be parsed");
        missing.Should().BeEmpty("the reference pipeline implements the contract, so its schema has every table and column listed");
    }

    [Theory]
    [InlineData("SELECT stage, count(*)::int FROM upload_pipeline.upload_jobs j WHERE j.user_id = @user AND state = 'done'", "stage upload_pipeline upload_jobs user_id state")]
    [InlineData("SELECT (detail->>'failure')::int, created_at FROM upload_pipeline.events WHERE job_id = {jobId}", "detail created_at upload_pipeline events job_id")]
    [InlineData("UPDATE upload_pipeline.upload_jobs SET claimed_by = NULL, finished_at = now() WHERE last_error_retryable = false", "upload_pipeline upload_jobs claimed_by finished_at last_error_retryable")]
    public void The_sql_scan_finds_the_names_a_statement_reads(string sql, string names) =>
        SqlIdentifiers(sql).Should().BeEquivalentTo(names.Split(' '));

    [Theory]
    [InlineData("new RestRequest($\"api/v1/jobs/{jobId}\")", "api/v1/jobs/{}")]
    [InlineData("new RestRequest(\"/health/ready\")", "health/ready")]
    [InlineData("GetAsync($\"api/v1/query?query={q}\")", "api/v1/query")]
    [InlineData("new RestRequest(\"admin/faults\", Method.Put)", "admin/faults")]
    public void The_route_scan_finds_the_paths_a_driver_calls(string source, string route) =>
        Routes(source).Should().Equal(route);

    [Fact]
    public void The_literal_scan_reads_raw_verbatim_and_interpolated_strings()
    {
        const string source = "var a = \"\"\"\n SELECT x FROM t\n \"\"\"; var b = @\"say \"\"hi\"\"\"; var c = $\"n={n}\";";
        StringLiterals(source).Select(s => s.Trim()).Should().Equal("SELECT x FROM t", "say \"\"hi\"\"", "n={n}");
    }

    [Theory]
    [InlineData("api/v1/jobs/{}", true)]
    [InlineData("api/v1/jobs/not-a-job-id", true)]
    [InlineData("api/v1/webhooks/llamaparse", false)]
    [InlineData("api/v1/jobs/{}/history", false)]
    [InlineData("api/v1/jobs", false)]
    [InlineData("api/v1/batches", false)]
    public void A_route_is_listed_when_a_template_matches_it(string route, bool isListed) =>
        IsListed(route, new HashSet<string> { "api/v1/jobs/{}/requeue", "api/v1/jobs/{}", "api/v1/webhooks/llamaparse/{}/{}" }).Should().Be(isListed, route);

    private static IEnumerable<string> Unlisted(IEnumerable<Read> reads, IReadOnlySet<string> listed) =>
        reads.Where(read => !listed.Contains(read.Value)).Select(read => read.ToString()).Distinct();
}
