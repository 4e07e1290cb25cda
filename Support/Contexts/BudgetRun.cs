namespace Acceptance.Support.Contexts;

/// <summary>The budget run a scenario gave the workers, and its caps; null id: the environment's own run.</summary>
public sealed class BudgetRun
{
    public string? RunId { get; set; }
    public decimal? OpenAiCapUsd { get; set; }
    public decimal? LlamaParseCapUsd { get; set; }
}
