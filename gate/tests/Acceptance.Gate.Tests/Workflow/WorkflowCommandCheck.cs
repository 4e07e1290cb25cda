using System.Diagnostics;
using System.Text.RegularExpressions;
using Acceptance.Gate.Cli;
using Acceptance.Gate.Inventory;
using YamlDotNet.RepresentationModel;

namespace Acceptance.Gate.Tests.Workflow;

/// <summary>
/// Checks a GitHub Actions workflow's run steps against the repository: every scripts/… it runs exists, and each
/// scripts/gate.sh command is accepted as CI would run it: the wrapper's own options by gate.sh itself (GATE_DRY_RUN),
/// the rest by <see cref="GateOptionsParser"/> (or <see cref="MergeOptions"/> for merge), and its tags by the
/// feature files (<see cref="TagSelectionCheck"/>). ${{ matrix.x }}, ${{ strategy.job-total }} and $VARIABLES from the
/// workflow's env are expanded to every value they can take: the matrix's values, or the quoted literals of an
/// expression such as ${{ secrets.KEY != '' &amp;&amp; '--real-apis' || '' }}.
/// </summary>
public sealed partial class WorkflowCommandCheck(string repositoryRoot)
{
    private const string GateScript = "scripts/gate.sh";

    private readonly GherkinInventory _inventory = GherkinInventory.Load(Path.Combine(repositoryRoot, "Features"), repositoryRoot);

    /// <summary>The repository commands found (as CI would run them, one per expansion) and what is wrong with them.</summary>
    public sealed record Result(IReadOnlyList<string> Checked, IReadOnlyList<string> Problems);

    public Result Check(string workflowYaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(workflowYaml));
        var workflow = (YamlMappingNode)stream.Documents[0].RootNode;
        var checkedCommands = new List<string>();
        var problems = new List<string>();
        foreach (var (jobKey, jobNode) in ((YamlMappingNode)workflow["jobs"]).Children)
        {
            var jobName = ((YamlScalarNode)jobKey).Value!;
            var job = (YamlMappingNode)jobNode;
            var matrix = Matrix(job);
            var jobEnv = Env(workflow).Concat(Env(job)).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);
            foreach (var step in ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            {
                if (Scalar(step, "run") is not { } script) continue;
                var env = jobEnv.Concat(Env(step)).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);
                foreach (var expanded in Expansions(script, matrix, env, problems, jobName))
                foreach (var words in ShellWords.Commands(expanded))
                    CheckCommand(jobName, words, checkedCommands, problems);
            }
        }
        return new Result(checkedCommands.Distinct().ToList(), problems.Distinct().ToList());
    }

    private void CheckCommand(string job, IReadOnlyList<string> words, List<string> checkedCommands, List<string> problems)
    {
        var scriptIndex = words.ToList().FindIndex(w => w.StartsWith("scripts/", StringComparison.Ordinal));
        if (scriptIndex < 0) return;
        var script = words[scriptIndex];
        var args = words.Skip(scriptIndex + 1).ToList();
        checkedCommands.Add(string.Join(" ", words.Skip(scriptIndex)));
        if (!File.Exists(Path.Combine(repositoryRoot, script)))
        {
            problems.Add($"{job}: {script} is not in the repository.");
            return;
        }
        if (script != GateScript) return;
        if (args.FirstOrDefault(a => a.Contains('$')) is { } unresolved)
        {
            problems.Add($"{job}: cannot tell what '{unresolved}' becomes in: {GateScript} {string.Join(" ", args)}");
            return;
        }
        try
        {
            if (args.FirstOrDefault() == "merge")
            {
                MergeOptions.Parse(args[1..]);
                return;
            }
            var (exit, output) = DryRun(args);
            if (exit != 0)
            {
                problems.Add($"{job}: {GateScript} {string.Join(" ", args)}: {output.Trim()}");
                return;
            }
            var options = GateOptionsParser.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            TagSelectionCheck.Check(options, _inventory);
        }
        catch (GateUsageException e)
        {
            problems.Add($"{job}: {GateScript} {string.Join(" ", args)}: {e.Message}");
        }
    }

    /// <summary>The arguments gate.sh would hand to the gate, once its own options are checked; nothing is set up or built.</summary>
    private (int Exit, string Output) DryRun(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(repositoryRoot, GateScript), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GATE_DRY_RUN"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>The script once for each combination of the values its placeholders can take.</summary>
    private static IEnumerable<string> Expansions(string script, IReadOnlyDictionary<string, IReadOnlyList<string>> matrix,
        IReadOnlyDictionary<string, string> env, List<string> problems, string job)
    {
        var placeholders = Placeholder().Matches(script).Select(m => m.Value).Distinct().ToList();
        IEnumerable<string> variants = [script];
        foreach (var placeholder in placeholders)
        {
            var values = ValuesOf(placeholder, matrix, env);
            if (values is null)
            {
                // A variable the workflow does not set (e.g. $GITHUB_OUTPUT) stays; a repository command using it is reported.
                if (placeholder.StartsWith("${{", StringComparison.Ordinal))
                    problems.Add($"{job}: cannot tell what {placeholder} becomes.");
                continue;
            }
            variants = variants.SelectMany(v => values.Select(value => v.Replace(placeholder, value))).ToList();
        }
        return variants;
    }

    private static IReadOnlyList<string>? ValuesOf(string placeholder, IReadOnlyDictionary<string, IReadOnlyList<string>> matrix, IReadOnlyDictionary<string, string> env)
    {
        if (placeholder.StartsWith("${{", StringComparison.Ordinal))
        {
            var expression = placeholder[3..^2].Trim();
            if (expression.StartsWith("matrix.", StringComparison.Ordinal))
                return matrix.GetValueOrDefault(expression["matrix.".Length..]);
            if (expression == "strategy.job-total")
                return [matrix.Values.Aggregate(1, (total, values) => total * values.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)];
            return Literals(expression);
        }
        var name = placeholder.Trim('$', '{', '}');
        if (!env.TryGetValue(name, out var value)) return null;
        var expressionInValue = Placeholder().Match(value);
        return expressionInValue.Success && expressionInValue.Value.StartsWith("${{", StringComparison.Ordinal)
            ? Literals(expressionInValue.Value[3..^2])
            : [value];
    }

    /// <summary>The values an expression such as "inputs.soak || '30m'" can give that the workflow itself spells.</summary>
    private static IReadOnlyList<string>? Literals(string expression)
    {
        var literals = Regex.Matches(expression, "'([^']*)'").Select(m => m.Groups[1].Value).Distinct().ToList();
        // Literals compared against (secrets.KEY != '') are conditions, not values, unless they are also results.
        var results = Regex.Matches(expression, @"(?:&&|\|\|)\s*'([^']*)'").Select(m => m.Groups[1].Value).Distinct().ToList();
        var values = results.Count > 0 ? results : literals;
        return values.Count > 0 ? values : null;
    }

    private static Dictionary<string, IReadOnlyList<string>> Matrix(YamlMappingNode job) =>
        job.Children.TryGetValue(new YamlScalarNode("strategy"), out var strategy)
        && ((YamlMappingNode)strategy).Children.TryGetValue(new YamlScalarNode("matrix"), out var matrix)
            ? ((YamlMappingNode)matrix).Children
                .Where(entry => entry.Value is YamlSequenceNode)
                .ToDictionary(entry => ((YamlScalarNode)entry.Key).Value!,
                    entry => (IReadOnlyList<string>)((YamlSequenceNode)entry.Value).Children.Select(v => ((YamlScalarNode)v).Value!).ToList())
            : [];

    private static IEnumerable<KeyValuePair<string, string>> Env(YamlMappingNode node) =>
        node.Children.TryGetValue(new YamlScalarNode("env"), out var env)
            ? ((YamlMappingNode)env).Children.Select(e => KeyValuePair.Create(((YamlScalarNode)e.Key).Value!, ((YamlScalarNode)e.Value).Value ?? ""))
            : [];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    /// <summary>${{ expression }}, $NAME or ${NAME}.</summary>
    [GeneratedRegex(@"\$\{\{.*?\}\}|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")]
    private static partial Regex Placeholder();
}
