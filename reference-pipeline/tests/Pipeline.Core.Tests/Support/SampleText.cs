using System.Text;

namespace Pipeline.Tests.Support;

/// <summary>A deterministic, policy-like document of numbered paragraphs and sentences.</summary>
public static class SampleText
{
    private static readonly string[] Clauses =
    [
        "The insurer will pay for sudden and accidental damage to the insured property",
        "Claims must be reported within thirty days of the date of loss",
        "The deductible applies separately to each covered occurrence",
        "Flood damage is excluded unless the flood endorsement is listed on the declarations page",
        "The policyholder shall take reasonable steps to protect the property from further damage",
        "Coverage for personal property extends to items temporarily away from the premises",
    ];

    public static string Policy(int paragraphs, int sentencesPerParagraph = 5)
    {
        var text = new StringBuilder("# Simulated insurance policy\n\n");
        for (var p = 0; p < paragraphs; p++)
        {
            text.Append($"## Section {p + 1}\n\n");
            for (var s = 0; s < sentencesPerParagraph; s++)
                text.Append($"{Clauses[(p * 7 + s) % Clauses.Length]} (clause {p + 1}.{s + 1}). ");
            text.Append("\n\n");
        }
        return text.ToString();
    }
}
