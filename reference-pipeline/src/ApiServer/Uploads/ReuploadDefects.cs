using ApiServer.Data;
using Pipeline.Core.Defects;

namespace ApiServer.Uploads;

/// <summary>
/// Test-only defects in what uploading a known document again does, chosen at registration so the upload path never checks for them.
/// <list type="bullet">
/// <item>no-restart-on-reupload: the bytes of a set-aside document uploaded again return the dead document, as
/// deduplication that never looks at the job's state would, instead of putting it back to work.</item>
/// </list>
/// </summary>
public static class ReuploadDefects
{
    public static IReuploadRule Rule(IServiceProvider services) =>
        services.GetRequiredService<PipelineDefects>().IsOn(PipelineDefects.NoRestartOnReupload)
            ? new NeverRestarts()
            : new RestartSetAsideDocuments();

    private sealed class NeverRestarts : IReuploadRule
    {
        public bool Restarts(UploadResult existing) => false;
    }
}
