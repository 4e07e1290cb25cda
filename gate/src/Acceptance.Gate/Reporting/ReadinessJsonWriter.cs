using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Acceptance.Gate.Readiness;

namespace Acceptance.Gate.Reporting;

/// <summary>
/// readiness.json: the whole report for machines. Field names are the report's property names in
/// camelCase and enum values in camelCase ("pass", "notCovered"); the "baselines" array is what the
/// next run compares against (see <see cref="PreviousRun"/>).
/// </summary>
public static class ReadinessJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Render(ReadinessReport report) => JsonSerializer.Serialize(report, Options);
}
