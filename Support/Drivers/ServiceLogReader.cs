using System.Text.Json;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Drivers;

/// <summary>Reads the services' structured (one JSON object per line) logs, as an engineer debugging a document would.</summary>
public sealed class ServiceLogReader(IPipelineEnvironment environment)
{
    public bool LogsAvailable => environment.LogFiles.Count > 0;

    /// <summary>Every log line, from every service, that carries the given correlation id.</summary>
    public IReadOnlyList<ServiceLogLine> LinesFor(string correlationId) =>
        AllLines().Where(line => line.CorrelationId == correlationId).OrderBy(line => line.At).ToArray();

    /// <summary>Every log line, from every service, about the given job.</summary>
    public IReadOnlyList<ServiceLogLine> LinesForJob(string jobId) =>
        AllLines().Where(line => line.JobId == jobId).OrderBy(line => line.At).ToArray();

    /// <summary>
    /// Whether a worker announced the test-only pause inside <paramref name="stage"/> for the job
    /// (the reference pipeline's PIPELINE_STAGE_DELAYS log line).
    /// </summary>
    public bool WorkerPausedInStage(string jobId, string stage) =>
        LinesForJob(jobId).Any(line => line.MessageTemplate.StartsWith("Stage delay of", StringComparison.Ordinal) && line.Stage == stage);

    /// <summary>Every line of every service's log as written, for scans that must see everything (secrets, text).</summary>
    public IEnumerable<(string Service, string Line)> RawLines() =>
        environment.LogFiles.SelectMany(log => ReadLines(log.Value).Select(line => (log.Key, line)));

    /// <summary>
    /// The lines logged at Error or Fatal level by the pipeline's own services (not the mock providers,
    /// which stand in for the vendors), with the error code each carries, if any.
    /// </summary>
    public IReadOnlyList<(string Service, string Message, string? ErrorCode)> PipelineErrorLines() =>
        RawLines()
            .Where(l => l.Service == "api-server" || l.Service.StartsWith("base-worker", StringComparison.Ordinal))
            .Select(l => (l.Service, Json: TryParse(l.Line)))
            .Where(l => l.Json is { } json && json.TryGetProperty("@l", out var level) && level.GetString() is "Error" or "Fatal")
            .Select(l => (l.Service, l.Json!.Value.TryGetProperty("@mt", out var mt) ? mt.GetString() ?? "" : "",
                l.Json!.Value.TryGetProperty("ErrorCode", out var code) ? code.ToString() : null))
            .ToList();

    private static JsonElement? TryParse(string line)
    {
        if (!line.StartsWith('{')) return null;
        try
        {
            return JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private IEnumerable<ServiceLogLine> AllLines() =>
        environment.LogFiles
            .SelectMany(log => ReadLines(log.Value).Select(line => Parse(log.Key, line)))
            .Where(line => line is not null)
            .Select(line => line!);

    private static IEnumerable<string> ReadLines(string path)
    {
        if (!File.Exists(path)) yield break;
        // The service is still writing; share the file rather than lock it.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
            yield return line;
    }

    private static ServiceLogLine? Parse(string service, string line)
    {
        if (!line.StartsWith('{')) return null;
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return new ServiceLogLine(
                service,
                root.TryGetProperty("@t", out var t) ? t.GetDateTimeOffset() : DateTimeOffset.MinValue,
                root.TryGetProperty("@mt", out var mt) ? mt.GetString() ?? "" : "",
                root.TryGetProperty("CorrelationId", out var c) ? c.ToString() : null,
                root.TryGetProperty("JobId", out var j) ? j.ToString() : null,
                root.TryGetProperty("Stage", out var st) ? st.ToString() : null,
                root.TryGetProperty("FromStage", out var from) ? from.ToString() : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record ServiceLogLine(
    string Service, DateTimeOffset At, string MessageTemplate, string? CorrelationId, string? JobId, string? Stage, string? FromStage);
