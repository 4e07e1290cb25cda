using Pipeline.Core.Defects;

namespace ApiServer.Data;

/// <summary>
/// Test-only defects in whose rows a read returns, chosen at registration so the stores never check for them.
/// <list type="bullet">
/// <item>no-owner-check: the reads lose their owner condition, as a query written with the id alone would, so any
/// authenticated user reads any document and job.</item>
/// </list>
/// </summary>
public static class ReadAccessDefects
{
    public static ReadAccess Access(IServiceProvider services) =>
        services.GetRequiredService<PipelineDefects>().IsOn(PipelineDefects.NoOwnerCheck)
            ? new ReadAccess(_ => "true")
            : ReadAccess.OwnRowsOnly;
}
