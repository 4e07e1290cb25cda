namespace Acceptance.Gate.Criteria;

/// <summary>A Phase 4 success criterion: its tag id, its area (e.g. "4.2") and what it promises.</summary>
public sealed record Criterion(string Id, CriteriaArea Area, string Statement);

/// <summary>One of the five Phase 4 areas.</summary>
public sealed record CriteriaArea(string Number, string Title);
