using Acceptance.Gate.Cli;
using Acceptance.Gate.Running;

// The acceptance gate: lint, run the selected scenarios against the target, judge readiness.
// See GateOptionsParser.Help for the options and ExitCodes for what the exit code means.
try
{
    if (args.Length > 0 && args[0] == "merge")
        return await MergeRun.ExecuteAsync(args[1..], Console.Out);
    var options = GateOptionsParser.Parse(args);
    if (options.ShowHelp)
    {
        Console.WriteLine(GateOptionsParser.Help);
        return ExitCodes.Ready;
    }
    return await GateRun.ExecuteAsync(options, Console.Out);
}
catch (GateStoppedException e)
{
    Console.Error.WriteLine(e.Message);
    return e.ExitCode;
}
catch (GateUsageException e)
{
    Console.Error.WriteLine($"bad configuration: {e.Message}");
    return ExitCodes.BadConfiguration;
}
