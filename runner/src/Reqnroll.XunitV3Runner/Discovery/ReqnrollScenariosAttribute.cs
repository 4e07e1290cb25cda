using Xunit;
using Xunit.v3;

namespace Reqnroll.XunitV3Runner.Discovery;

/// <summary>Marks the one method that stands for every scenario; <see cref="ScenarioDiscoverer"/> expands it.</summary>
[XunitTestCaseDiscoverer(typeof(ScenarioDiscoverer))]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ReqnrollScenariosAttribute : FactAttribute;
