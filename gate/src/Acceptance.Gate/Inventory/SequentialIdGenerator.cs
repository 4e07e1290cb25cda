using Gherkin.CucumberMessages;

namespace Acceptance.Gate.Inventory;

/// <summary>Ids only need to be unique within one parsed file; the inventory never publishes them.</summary>
internal sealed class SequentialIdGenerator : IIdGenerator
{
    private int _next;

    public string GetNewId() => (_next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
