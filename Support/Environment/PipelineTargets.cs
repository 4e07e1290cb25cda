using Acceptance.Support.Configuration;

namespace Acceptance.Support.Environment;

/// <summary>The pipeline a run's target names, started (local, compose) or reached (external); one place for the suite and the contract probe.</summary>
public static class PipelineTargets
{
    public static async Task<IPipelineEnvironment> StartAsync(SuiteOptions options, string logFolder) => options.Target switch
    {
        "external" => new ExternalPipelineEnvironment(options.External, options.Pipeline, logFolder),
        "compose" => await ComposePipelineEnvironment.StartAsync(options, logFolder),
        _ => await LocalPipelineEnvironment.StartAsync(options, logFolder),
    };
}
