namespace Pipeline.Core.Providers;

/// <summary>Decides whether a parser completion notice proves it came from the parser the job was sent to.</summary>
public interface IParserNoticeCheck
{
    /// <summary>True when <paramref name="presentedToken"/> is the token whose hash the job recorded at upload.</summary>
    bool IsGenuine(string presentedToken, string storedTokenHashHex);
}

/// <summary>The token in the notice's URL must hash to the job's recorded hash (<see cref="ParserWebhooks.Matches"/>).</summary>
public sealed class TokenHashNoticeCheck : IParserNoticeCheck
{
    public static TokenHashNoticeCheck Instance { get; } = new();

    public bool IsGenuine(string presentedToken, string storedTokenHashHex) => ParserWebhooks.Matches(presentedToken, storedTokenHashHex);
}
