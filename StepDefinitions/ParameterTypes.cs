using System.Globalization;

namespace Acceptance.StepDefinitions;

/// <summary>The suite's custom parameter types: {persona}, {document}, {badUpload}, {stage}, {duration}.</summary>
[Binding]
public sealed class ParameterTypes
{
    [StepArgumentTransformation("([A-Z][a-z]+)", Name = "persona")]
    public static Persona ToPersona(string name) => new(name);

    [StepArgumentTransformation(@"""([^""]+)""", Name = "document")]
    public static TestDocument ToDocument(string fileName) => TestDocuments.Get(fileName);

    [StepArgumentTransformation(BadUploads.Pattern, Name = "badUpload")]
    public static BadUpload ToBadUpload(string phrase) => BadUploads.Named(phrase);

    [StepArgumentTransformation(StageName.Pattern, Name = "stage")]
    public static StageName ToStage(string stage) => new(stage);

    [StepArgumentTransformation(@"(\d+) (seconds?|minutes?)", Name = "duration")]
    public static TimeSpan ToDuration(string amount, string unit)
    {
        var value = int.Parse(amount, CultureInfo.InvariantCulture);
        return unit.StartsWith("minute", StringComparison.Ordinal) ? TimeSpan.FromMinutes(value) : TimeSpan.FromSeconds(value);
    }
}
