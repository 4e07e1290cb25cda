using Acceptance.Support.Environment;

namespace Acceptance.Support.Drivers;

/// <summary>Makes the mock LlamaParse misbehave the ways the real one does, and shows what the pipeline asked of it.</summary>
public sealed class MockLlamaParseDriver(IPipelineEnvironment environment) : MockAdminDriver(environment.Mocks?.LlamaParse, "mock LlamaParse")
{
    public Task GoDownAsync() => SetFaultsAsync(new { kind = "outage" });

    public Task FailToReadAsync(string fileName, string message) =>
        SetFaultsAsync(new { kind = "job-error", fileNamePattern = fileName, errorCode = "PARSE_FAILED", message });

    public Task LoseCompletionNoticesAsync() => SetFaultsAsync(new { kind = "drop-webhooks" });

    public Task<IReadOnlyList<ParserRequest>> RequestsAsync() => RequestLogAsync<ParserRequest>();
}

/// <summary>One entry of the mock LlamaParse's log: a request it served, or a completion notice it sent or dropped.</summary>
public sealed record ParserRequest(string Kind, DateTimeOffset At, string Method, string Path, int Status, string? JobId, string? FileName)
{
    /// <summary>The parser finished a job and dropped its completion notice (a lost-notices fault).</summary>
    public bool NoticeDropped => Kind == "webhook-dropped";
}
