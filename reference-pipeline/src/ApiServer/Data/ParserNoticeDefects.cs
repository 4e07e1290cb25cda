using Pipeline.Core.Defects;
using Pipeline.Core.Providers;

namespace ApiServer.Data;

/// <summary>
/// Test-only defects in how parser completion notices are authenticated, chosen at registration so
/// the webhook path never checks for them.
/// <list type="bullet">
/// <item>accept-unproven-parser-notices: any token in the notice's URL is taken as genuine once the
/// job has recorded one, as a check that tests for a token's presence rather than its value would:
/// anyone who knows a job id can wake it and write to its audit trail.</item>
/// </list>
/// </summary>
public static class ParserNoticeDefects
{
    public static IParserNoticeCheck Check(IServiceProvider services) =>
        services.GetRequiredService<PipelineDefects>().IsOn(PipelineDefects.AcceptUnprovenParserNotices)
            ? new AnyTokenWillDo()
            : TokenHashNoticeCheck.Instance;

    private sealed class AnyTokenWillDo : IParserNoticeCheck
    {
        public bool IsGenuine(string presentedToken, string storedTokenHashHex) => presentedToken.Length > 0;
    }
}
