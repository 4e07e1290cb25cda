using System.Text;

namespace Acceptance.Gate.Tests.Workflow;

/// <summary>
/// The commands of a workflow's run script as words, the way bash splits the simple commands a
/// workflow runs: lines (with backslash continuations), then commands at &amp;&amp;, || and ;, then words
/// with '…' and "…" quoting. Enough for checking commands; no substitution, no redirections.
/// </summary>
public static class ShellWords
{
    public static IEnumerable<IReadOnlyList<string>> Commands(string script)
    {
        foreach (var line in script.Replace("\\\n", " ").Split('\n'))
        {
            var command = new List<string>();
            foreach (var word in Words(line))
            {
                if (word is "&&" or "||" or ";" or "|")
                {
                    if (command.Count > 0) yield return command;
                    command = [];
                }
                else if (word.StartsWith('#') && command.Count == 0) break;
                else command.Add(word);
            }
            if (command.Count > 0) yield return command;
        }
    }

    private static IEnumerable<string> Words(string line)
    {
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } open)
            {
                if (c == open) quote = null; else word.Append(c);
            }
            else if (c is '\'' or '"') { quote = c; inWord = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) yield return word.ToString();
                word.Clear();
                inWord = false;
            }
            else { word.Append(c); inWord = true; }
        }
        if (quote is not null) throw new FormatException($"unclosed quote in: {line}");
        if (inWord) yield return word.ToString();
    }
}
