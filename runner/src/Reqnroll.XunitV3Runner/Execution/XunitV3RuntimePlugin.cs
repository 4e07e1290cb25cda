using Reqnroll.Formatters.PayloadProcessing.Cucumber;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;
using Reqnroll.XunitV3Runner.Execution;

[assembly: RuntimePlugin(typeof(XunitV3RuntimePlugin))]

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>Plugs xUnit v3 into Reqnroll: outcomes, skip reasons in the report, test output and attachments.</summary>
public sealed class XunitV3RuntimePlugin : IRuntimePlugin
{
    public const string ProviderName = "xunit3-runner";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters,
        UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<XunitV3RuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);
            e.ObjectContainer.RegisterTypeAs<SkipReasonMessageFactory, ICucumberMessageFactory>();
        };
        runtimePluginEvents.CustomizeTestThreadDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<XunitV3TraceListener, ITraceListener>();
            e.ObjectContainer.RegisterTypeAs<XunitV3AttachmentHandler, IReqnrollAttachmentHandler>();
        };
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
    }
}
