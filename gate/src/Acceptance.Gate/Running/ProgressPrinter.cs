using System.Diagnostics;
using System.Text.Json;

namespace Acceptance.Gate.Running;

/// <summary>
/// Turns xUnit's JSON progress messages into one line per finished scenario:
/// "[ 7/24] PASS  Feature › Scenario  (3.1 s) · elapsed 0:42 · failures 0".
/// </summary>
public sealed class ProgressPrinter(TextWriter output)
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly Dictionary<string, string> _outcomes = new();
    private readonly Dictionary<string, string> _names = new();
    private int _total;
    private int _finished;

    public int Failures { get; private set; }
    public int Finished => _finished;

    public void Observe(string line)
    {
        if (!line.StartsWith('{')) return;
        JsonElement message;
        try
        {
            message = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException)
        {
            return;
        }
        var type = message.TryGetProperty("$type", out var t) ? t.GetString() : null;
        var test = message.TryGetProperty("TestUniqueID", out var id) ? id.GetString() ?? "" : "";
        switch (type)
        {
            case "discovery-complete":
                // Counted over every launch of the suite (--real-apis runs it twice), so the numbering runs on.
                var toRun = message.GetProperty("TestCasesToRun").GetInt32();
                _total += toRun;
                output.WriteLine($"Running {toRun} scenario(s).");
                break;
            case "test-starting":
                _names[test] = message.TryGetProperty("TestDisplayName", out var n) ? n.GetString() ?? test : test;
                break;
            case "test-passed": _outcomes[test] = "PASS"; break;
            case "test-failed": _outcomes[test] = "FAIL"; Failures++; break;
            case "test-skipped": _outcomes[test] = "SKIP"; break;
            case "test-finished":
                _finished++;
                var name = _names.GetValueOrDefault(test, test);
                var seconds = message.TryGetProperty("ExecutionTime", out var e) ? e.GetDecimal() : 0;
                output.WriteLine($"[{_finished,3}/{_total}] {_outcomes.GetValueOrDefault(test, "DONE"),-4}  {name}  ({seconds:0.0} s) · elapsed {_elapsed.Elapsed:m\\:ss} · failures {Failures}");
                break;
        }
    }
}
