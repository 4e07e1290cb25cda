using System.Text;
using Pipeline.Contract;

namespace Pipeline.Core.Errors;

/// <summary>
/// Renders <see cref="ErrorCatalogue"/> as the markdown page <c>reference-pipeline/docs/errors.md</c>.
/// The page is generated, never edited by hand: a test fails when it differs from this rendering.
/// </summary>
public static class ErrorCatalogueDocument
{
    public const string RelativePath = "reference-pipeline/docs/errors.md";

    public static string Render()
    {
        var page = new StringBuilder();
        page.Append("""
            # Error catalogue

            Generated from `contract/Pipeline.Contract/ErrorCatalogue.cs` by
            `ErrorCatalogueDocument.Render()`; do not edit by hand. To refresh it after changing the catalogue:
            `UPDATE_ERROR_DOCS=1 dotnet reference-pipeline/tests/Pipeline.Core.Tests/bin/Debug/net10.0/Pipeline.Core.Tests.dll -class "*ErrorCatalogueTests"`.
            A test fails when a code is used in the source but missing here, or listed here but produced nowhere.

            Every API error answers `{"error":"<code>","message":"<for people>","correlationId":"..."}`; every
            job error is the job's `lastError` `{code, message, retryable, nextAttemptAt}` and an event in its timeline.
            **Retryable** job errors are retried with capped exponential backoff and jitter for the configured
            retry window (`Worker__RetryWindowMinutes`, hours by default), then set aside (`deadletter`, still
            retryable); a set-aside job goes back to work by itself when a job proves its dependency healthy
            again, or when an operator requeues it. **Permanent** ones are set aside at once.

            """);
        page.AppendLine();
        page.AppendLine("## API answers");
        page.AppendLine();
        page.AppendLine("| code | status | retryable | cause | what the user sees | what an operator does |");
        page.AppendLine("|---|---|---|---|---|---|");
        foreach (var e in ErrorCatalogue.Entries.Where(e => e.Surface.HasFlag(ErrorSurface.Api)))
            page.AppendLine($"| `{e.Code}` | {e.HttpStatus} | {YesNo(e.Retryable)} | {e.Cause} | {e.UserSees} | {e.OperatorDoes} |");
        page.AppendLine();
        page.AppendLine("## Job errors and dead letters");
        page.AppendLine();
        page.AppendLine("| code | retryable | waits for | cause | what the user sees | what an operator does |");
        page.AppendLine("|---|---|---|---|---|---|");
        foreach (var e in ErrorCatalogue.Entries.Where(e => e.Surface.HasFlag(ErrorSurface.Job)))
            page.AppendLine($"| `{e.Code}` | {YesNo(e.Retryable)} | {e.Dependency ?? "—"} | {e.Cause} | {e.UserSees} | {e.OperatorDoes} |");
        return page.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
