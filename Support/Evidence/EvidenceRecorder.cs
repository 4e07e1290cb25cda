using System.Text.Json;
using Acceptance.Support.Environment;
using Reqnroll;

namespace Acceptance.Support.Evidence;

/// <summary>
/// Attaches what a reviewer needs to believe a verdict to the scenario's report entry, as files the
/// HTML report renders (JSON, plain text). Kept small; nothing secret goes in (only ids, stages, timings).
/// </summary>
public sealed class EvidenceRecorder(IReqnrollOutputHelper output, RunFolder runFolder, ScenarioContext scenario)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void AttachJson(string name, object evidence) =>
        Attach($"{name}.json", JsonSerializer.Serialize(evidence, Json));

    public void AttachText(string name, string text) => Attach($"{name}.txt", text);

    private void Attach(string fileName, string content)
    {
        var folder = Path.Combine(runFolder.Evidence, Slug(scenario.ScenarioInfo.Title) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, content);
        output.AddAttachment(path);
    }

    private static string Slug(string title)
    {
        var slug = new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return slug[..Math.Min(60, slug.Length)];
    }
}
