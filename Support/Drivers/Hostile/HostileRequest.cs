namespace Acceptance.Support.Drivers.Hostile;

/// <summary>
/// One generated hostile request: its kind (for the sweep's table), what a careful API answers
/// (<see cref="Expected"/>: a stable error key, <see cref="Accepted"/> for input that is odd but valid,
/// or <see cref="RefusedByWebServer"/> for what the HTTP server refuses before the application runs),
/// and how to build it against a prepared sweep.
/// </summary>
public sealed record HostileRequest(string Kind, string Name, string Expected, Func<SweepTargets, HttpRequestMessage> Build)
{
    public const string Accepted = "accepted";
    public const string RefusedByWebServer = "refused by the web server";
}

/// <summary>What the requests aim at: the attacker's own account, and a victim's document and job.</summary>
public sealed record SweepTargets(Uri ApiBaseUrl, Environment.TokenIssuer Tokens, string AttackerId, string VictimDocumentId, string VictimJobId);
