using System.Text.RegularExpressions;

namespace Acceptance.Gate.Steps;

/// <summary>One step definition as Reqnroll registered it: its keyword, phrase, parameters and the method it calls.</summary>
/// <param name="Keyword">Given, When or Then.</param>
/// <param name="Phrase">The expression as written in the binding attribute (Cucumber expression or regular expression).</param>
/// <param name="Matcher">The regular expression Reqnroll matches step text with.</param>
public sealed record StepBinding(
    string Keyword,
    string Phrase,
    string ExpressionType,
    Regex Matcher,
    IReadOnlyList<StepParameter> Parameters,
    string Method)
{
    public bool Matches(string keyword, string text) => Keyword == keyword && Matcher.IsMatch(text);
}

/// <summary>A parameter of a step method, named as in C# with its type's short name.</summary>
public sealed record StepParameter(string Name, string Type);
