using Acceptance.Support.Environment;
using PipelineByHand;

// The commands behind scripts/pipeline.sh (use the script; it builds this host and keeps its state folder):
//   PipelineByHand start <state directory> [--budget-usd <amount>]   run the pipeline until SIGTERM
//   PipelineByHand token <state directory> [<user>] [--operator]     a fresh token for the running pipeline
//   PipelineByHand backlog <state directory>                          jobs per stage and state, documents set aside
//   PipelineByHand env <state directory> <pipeline.sh path>           the external target's settings as shell exports
const string Usage = "usage: PipelineByHand start|token|backlog|env <state directory> ...   (use scripts/pipeline.sh)";
try
{
    if (args.Length < 2) throw new UsageException(Usage);
    var stateDirectory = Path.GetFullPath(args[1]);
    var rest = args[2..];
    switch (args[0])
    {
        case "start":
            decimal? budget = rest switch
            {
                [] => null,
                ["--budget-usd", var amount] => SpendCaps.ParseBudget(amount),
                _ => throw new UsageException($"start takes only --budget-usd <amount>; got '{string.Join(" ", rest)}'."),
            };
            return await PipelineHost.RunAsync(stateDirectory, budget);
        case "token":
            var state = PipelineState.ReadFrom(stateDirectory);
            var asOperator = rest.Contains("--operator");
            var users = rest.Where(a => a != "--operator").ToList();
            if (users.Count > 1 || users.Any(u => u.StartsWith('-')))
                throw new UsageException($"token takes one user name and --operator; got '{string.Join(" ", rest)}'.");
            var user = users.SingleOrDefault() ?? (asOperator ? "operator" : state.DemoUser);
            var issuer = new TokenIssuer(state.Tokens.SigningKey, state.Tokens.Issuer, state.Tokens.Audience);
            Console.WriteLine(asOperator ? issuer.ForOperator(user) : issuer.For(user));
            Console.Error.WriteLine($"{(asOperator ? "operator" : "user")} {user}, valid until {DateTimeOffset.UtcNow.Add(TokenIssuer.Lifetime):yyyy-MM-dd HH:mm} UTC ({TokenIssuer.Lifetime.TotalMinutes:0} minutes)");
            return 0;
        case "backlog":
            await PipelineBacklog.WriteAsync(PipelineState.ReadFrom(stateDirectory).DatabaseConnectionString, Console.Out);
            return 0;
        case "env":
            if (rest is not [var script]) throw new UsageException("env takes the path of scripts/pipeline.sh.");
            foreach (var line in ExternalTargetSettings.Exports(PipelineState.ReadFrom(stateDirectory), Path.GetFullPath(script), stateDirectory))
                Console.WriteLine(line);
            return 0;
        default:
            throw new UsageException(Usage);
    }
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}
