using Pipeline.TestKit;

namespace Acceptance.Support.Contexts;

/// <summary>The batch of documents a workload scenario prepared.</summary>
public sealed class BatchContext
{
    public IReadOnlyList<TestDocument> Documents { get; set; } = [];
}
