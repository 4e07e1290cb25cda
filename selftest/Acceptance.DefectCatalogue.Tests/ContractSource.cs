using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Acceptance.DefectCatalogue.Tests;

/// <summary>
/// What the suite's sources read from a pipeline, found in the sources themselves (SQL in string
/// literals, routes, metric names, log properties), and what docs/contract/ lists. Starts nothing.
/// </summary>
public static partial class ContractSource
{
    public static string RepositoryRoot { get; } = typeof(ContractSource).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>One C# source file of the suite: its path from the repository root and its text.</summary>
    public sealed record SourceFile(string Path, string Text);

    /// <summary>A value a driver reads, and the file that reads it.</summary>
    public sealed record Read(string Value, string File)
    {
        public override string ToString() => $"{File}: {Value}";
    }

    /// <summary>Every .cs file under the suite's Support/ (the drivers, hooks and their helpers).</summary>
    public static IReadOnlyList<SourceFile> SupportFiles() => FilesUnder("Support");

    public static IReadOnlyList<SourceFile> FilesUnder(string folder) =>
        Directory.GetFiles(System.IO.Path.Combine(RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new SourceFile(System.IO.Path.GetRelativePath(RepositoryRoot, path), File.ReadAllText(path)))
            .ToList();

    /// <summary>The contents of a file's string literals: regular, verbatim, interpolated and raw.</summary>
    public static IEnumerable<string> StringLiterals(string source) =>
        Literal().Matches(source).Select(m =>
            m.Groups["raw"].Success ? m.Groups["raw"].Value : m.Groups["verbatim"].Success ? m.Groups["verbatim"].Value : m.Groups["plain"].Value);

    // ---- SQL ---------------------------------------------------------------------------------------

    /// <summary>The literals that are SQL statements (the suite writes its SQL keywords in capitals).</summary>
    public static IEnumerable<string> SqlStatements(string source) => StringLiterals(source).Where(s => SqlStatement().IsMatch(s));

    /// <summary>
    /// The tables, views, columns and settings a statement names: its lower-case identifiers, without
    /// quoted text, parameters (@x), casts (::type), interpolation holes, functions (a name before "("),
    /// one-letter aliases and SQL's lower-case literals.
    /// </summary>
    public static IEnumerable<string> SqlIdentifiers(string sql)
    {
        var bare = Parameter().Replace(Cast().Replace(Quoted().Replace(Hole().Replace(sql, " "), " "), " "), " ");
        return Identifier().Matches(bare)
            .Where(m => !m.Groups["call"].Success)
            .Select(m => m.Groups["name"].Value)
            .Where(name => name.Length > 1 && !SqlLiterals.Contains(name))
            .Distinct();
    }

    /// <summary>Keys of jsonb columns the statement reads: <c>detail-&gt;&gt;'key'</c>, <c>payload ? 'key'</c>.</summary>
    public static IEnumerable<(string Column, string Key)> JsonKeys(string sql) =>
        JsonKey().Matches(sql).Select(m => (m.Groups["column"].Value, m.Groups["key"].Value));

    /// <summary>Event types a statement filters on: <c>event_type = 'x'</c>.</summary>
    public static IEnumerable<string> EventTypeLiterals(string sql) => EventTypeFilter().Matches(sql).Select(m => m.Groups["type"].Value);

    private static readonly HashSet<string> SqlLiterals = new(StringComparer.Ordinal) { "true", "false", "null" };

    // ---- routes, metrics, logs ---------------------------------------------------------------------

    /// <summary>
    /// HTTP paths a file sends requests to, normalised: no leading slash, no query, each interpolation
    /// hole <c>{…}</c> as <c>{}</c>. A path is a literal that starts like the contract's routes do.
    /// </summary>
    public static IEnumerable<string> Routes(string source) =>
        StringLiterals(source).Where(s => RouteLike().IsMatch(s)).Select(NormaliseRoute).Distinct();

    public static string NormaliseRoute(string route) => Hole().Replace(route.TrimStart('/').Split('?')[0], "{}");

    /// <summary>Prometheus series names spelled in the source, without a histogram's _bucket/_sum/_count.</summary>
    public static IEnumerable<string> MetricNames(string source) =>
        StringLiterals(source).Where(s => MetricName().IsMatch(s)).Select(name => HistogramSuffix().Replace(name, "")).Distinct();

    /// <summary>Metric names the source takes from the contract's vocabulary (<c>MetricNames.Jobs</c>).</summary>
    public static IEnumerable<string> VocabularyConstants(string source, Type vocabulary) =>
        new Regex($@"\b{vocabulary.Name}\.(?<name>[A-Z]\w*)").Matches(source)
            .Select(m => vocabulary.GetField(m.Groups["name"].Value, BindingFlags.Public | BindingFlags.Static))
            .OfType<FieldInfo>()
            .Select(field => (string)field.GetValue(null)!)
            .Distinct();

    /// <summary>A log reader parses the services' compact JSON lines (it reads "@mt", the message template).</summary>
    public static bool ReadsLogLines(string source) => source.Contains("\"@mt\"", StringComparison.Ordinal);

    /// <summary>The JSON properties a log reader takes from each line.</summary>
    public static IEnumerable<string> JsonPropertiesRead(string source) =>
        PropertyRead().Matches(source).Select(m => m.Groups["name"].Value).Distinct();

    /// <summary>JSON properties a driver takes from an answer: <c>GetProperty("x")</c>, <c>TryGetProperty("x", …)</c>, <c>Text(body, "x")</c>.</summary>
    public static IEnumerable<string> AnswerFieldsRead(string source) =>
        PropertyRead().Matches(source).Concat(TextRead().Matches(source)).Select(m => m.Groups["name"].Value).Distinct();

    // ---- the contract ------------------------------------------------------------------------------

    public static JsonElement Contract { get; } = Load("docs/contract/contract.json");
    public static JsonElement OpenApi { get; } = Load("docs/contract/openapi.json");

    private static JsonElement Load(string path) =>
        JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot, path))).RootElement.Clone();

    public static IReadOnlySet<string> Names(this JsonElement objectOrArray) =>
        (objectOrArray.ValueKind == JsonValueKind.Object
            ? objectOrArray.EnumerateObject().Select(p => p.Name)
            : objectOrArray.EnumerateArray().Select(e => e.GetString()!)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every schema, table, view, column and setting name the contract lists.</summary>
    public static IReadOnlySet<string> SqlNamesListed()
    {
        var database = Contract.GetProperty("database");
        var tables = database.GetProperty("tables").EnumerateObject().ToList();
        var views = database.GetProperty("postgres").GetProperty("views").EnumerateObject().ToList();
        return new[] { database.GetProperty("schema").GetString()! }
            .Concat(tables.Concat(views).SelectMany(t => t.Value.GetProperty("columns").Names().Prepend(t.Name)))
            .Concat(database.GetProperty("postgres").GetProperty("settings").Names())
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every property of the api-server's answers (openapi.json, at any depth) and the fields of the fakes' answers.</summary>
    public static IReadOnlySet<string> AnswerFieldsListed()
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        Collect(OpenApi);
        foreach (var fake in Contract.GetProperty("fakes").EnumerateObject())
            fields.UnionWith(fake.Value.GetProperty("responseFields").Names());
        return fields;

        void Collect(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "properties" && property.Value.ValueKind == JsonValueKind.Object) fields.UnionWith(property.Value.Names());
                    Collect(property.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray()) Collect(item);
            }
        }
    }

    /// <summary>Every route of the api-server (openapi.json) and of the provider fakes, normalised like <see cref="Routes"/>.</summary>
    public static IReadOnlySet<string> RoutesListed() =>
        OpenApi.GetProperty("paths").Names()
            .Concat(Contract.GetProperty("fakes").EnumerateObject()
                .SelectMany(fake => fake.Value.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("path").GetString()!)))
            .Select(NormaliseRoute)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>A route is listed when a listed route matches it, each <c>{}</c> standing for one path segment (so a concrete id matches too).</summary>
    public static bool IsListed(string route, IReadOnlySet<string> listed) =>
        listed.Any(template => Regex.IsMatch(route, "^" + Regex.Escape(template).Replace(@"\{}", "[^/]+") + "$"));

    // Raw ("""…"""), verbatim (@"…", $@"…") and regular ("…", $"…") literals, in that order of precedence.
    [GeneratedRegex(@"(?s)\$*""{3,}(?<raw>.*?)""{3,}|(\$@|@\$|@)""(?<verbatim>(?:[^""]|"""")*)""|\$?""(?<plain>(?:[^""\\\r\n]|\\.)*)""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\b(SELECT|UPDATE|DELETE FROM|INSERT INTO)\b")]
    private static partial Regex SqlStatement();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Hole();

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"::\s*\w+(\[\])?")]
    private static partial Regex Cast();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\b(?<name>[a-z_][a-z0-9_]*)\b(?<call>\s*\()?")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(?<column>detail|payload)\s*(->>|->|\?)\s*'(?<key>[^']+)'")]
    private static partial Regex JsonKey();

    [GeneratedRegex(@"\bevent_type\s*=\s*'(?<type>[a-z_]+)'")]
    private static partial Regex EventTypeFilter();

    [GeneratedRegex(@"^/?(api/v\d+/|v\d+/|admin/|health\b|metrics\b)")]
    private static partial Regex RouteLike();

    [GeneratedRegex(@"^(pipeline|process)_[a-z0-9_]+$")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    [GeneratedRegex(@"\b(Try)?GetProperty\(\s*""(?<name>[^""]+)""")]
    private static partial Regex PropertyRead();

    [GeneratedRegex(@"\bText\((?:[^()]|\([^()]*\))*?,\s*""(?<name>[A-Za-z]\w*)""\)")]
    private static partial Regex TextRead();
}
