using Acceptance.Support.Environment;

namespace Acceptance.Support.ContractProbe;

/// <summary>
/// The provider fakes' routes the suite calls without ids (admin faults, request log, health): each must
/// answer, neither 404 nor a server error. Which fake listens where comes from the target's mock endpoints.
/// </summary>
public static class FakesProbe
{
    public static async Task<IReadOnlyList<ProbeFinding>> CheckAsync(ContractDocument contract, MockEndpoints? mocks, HttpClient http, CancellationToken ct)
    {
        var findings = new List<ProbeFinding>();
        foreach (var fake in contract.Fakes)
        {
            var baseUrl = fake.Name switch
            {
                "mock-openai" => mocks?.OpenAi,
                "mock-llamaparse" => mocks?.LlamaParse,
                _ => null,
            };
            if (baseUrl is null)
            {
                findings.Add(ProbeFinding.NotGiven(fake.Name, "the target names no such fake", fake.Criteria));
                continue;
            }
            foreach (var (_, path) in fake.Routes.Where(r => r.Method == "GET" && !r.Path.Contains('{', StringComparison.Ordinal)))
            {
                var item = $"{fake.Name} GET {path}";
                try
                {
                    using var response = await http.GetAsync(new Uri(baseUrl, path.TrimStart('/')), ct);
                    var status = (int)response.StatusCode;
                    findings.Add(status == 404 ? new(item, ProbeResult.Missing, $"answered 404 at {baseUrl}: add the route")
                        : status >= 500 ? new(item, ProbeResult.Wrong, $"answered {status} at {baseUrl}")
                        : new(item, ProbeResult.Present));
                }
                catch (Exception e) when (PipelineContractProbe.IsNoAnswer(e, ct))
                {
                    findings.Add(new(item, ProbeResult.Missing, $"nothing answers at {baseUrl} ({e.Message})"));
                }
            }
        }
        return findings;
    }
}
