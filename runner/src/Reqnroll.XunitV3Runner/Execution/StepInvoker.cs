using Reqnroll.XunitV3Runner.Gherkin;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>Hands one pickle step, with its doc string or data table, to Reqnroll's runner.</summary>
internal static class StepInvoker
{
    public static Task InvokeAsync(ITestRunner runner, StepCall call)
    {
        var text = call.Step.Text;
        var docString = call.Step.Argument?.DocString?.Content;
        var table = ToTable(call.Step.Argument?.DataTable);
        return call.Keyword switch
        {
            StepKeyword.Given => runner.GivenAsync(text, docString, table, call.KeywordText),
            StepKeyword.When => runner.WhenAsync(text, docString, table, call.KeywordText),
            StepKeyword.Then => runner.ThenAsync(text, docString, table, call.KeywordText),
            StepKeyword.But => runner.ButAsync(text, docString, table, call.KeywordText),
            _ => runner.AndAsync(text, docString, table, call.KeywordText),
        };
    }

    private static Table? ToTable(Io.Cucumber.Messages.Types.PickleTable? dataTable)
    {
        if (dataTable is null || dataTable.Rows.Count == 0)
            return null;
        var table = new Table(dataTable.Rows[0].Cells.Select(c => c.Value).ToArray());
        foreach (var row in dataTable.Rows.Skip(1))
            table.AddRow(row.Cells.Select(c => c.Value).ToArray());
        return table;
    }
}
