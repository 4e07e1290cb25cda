namespace Acceptance.Gate.Steps;

/// <summary>
/// How far a step's text is from a step phrase, from 0 (same) to 1 (nothing in common): an edit
/// distance over words in which a phrase's parameter ({persona}, {int}, (.*)) stands for any one
/// word of the text, so "Dana uplaods \"x.pdf\"" is one word away from "{persona} uploads {document}".
/// </summary>
public static class PhraseDistance
{
    public static double Between(string text, string phrase)
    {
        var words = Words(text);
        var pattern = Words(phrase);
        var previous = new double[pattern.Length + 1];
        var current = new double[pattern.Length + 1];
        for (var j = 0; j <= pattern.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= words.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= pattern.Length; j++)
            {
                var substitution = previous[j - 1] + WordCost(words[i - 1], pattern[j - 1]);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[pattern.Length] / Math.Max(1, Math.Max(words.Length, pattern.Length));
    }

    private static string[] Words(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A Cucumber expression parameter, also inside a word such as "{persona}'s", or a regular expression group.</summary>
    private static bool IsParameter(string word) => word.Contains('{') || word.StartsWith('(');

    /// <summary>0 for the same word or a parameter, the share of letters that differ otherwise (a typo costs less than a different word).</summary>
    private static double WordCost(string word, string patternWord)
    {
        if (IsParameter(patternWord) || string.Equals(word, patternWord, StringComparison.OrdinalIgnoreCase))
            return 0;
        return (double)Levenshtein(word.ToLowerInvariant(), patternWord.ToLowerInvariant()) / Math.Max(word.Length, patternWord.Length);
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
