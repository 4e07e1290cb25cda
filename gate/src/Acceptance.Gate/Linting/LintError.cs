namespace Acceptance.Gate.Linting;

/// <summary>A tag (or parse) problem, located so an author can jump to it: "File:Line: Message".</summary>
public sealed record LintError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
