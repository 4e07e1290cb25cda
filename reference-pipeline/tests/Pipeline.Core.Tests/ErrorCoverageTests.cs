using FluentAssertions;
using Pipeline.Core.Errors;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

/// <summary>
/// Where each catalogued error is produced by a real cause and checked: an acceptance scenario (by its
/// title) or a test of the reference pipeline (by its method name). Codes no test produces yet are
/// listed with the reason, so the gap is visible here instead of hidden.
/// </summary>
public sealed class ErrorCoverageTests
{
    private const string Sweep = "scenario: A sweep of generated hostile requests gets no server error and leaves nothing half-stored";
    private const string NotYet = "not yet: ";

    public static readonly IReadOnlyDictionary<string, string> ProducedBy = new Dictionary<string, string>
    {
        ["missing-file"] = Sweep,
        ["empty-file"] = Sweep,
        ["unsupported-type"] = Sweep,
        ["encrypted-document"] = Sweep,
        ["corrupt-document"] = Sweep,
        ["file-too-large"] = Sweep,
        ["invalid-filename"] = Sweep,
        ["malformed-request"] = Sweep,
        ["unauthorized"] = Sweep,
        ["forbidden"] = Sweep,
        ["not-found"] = Sweep,
        ["not-set-aside"] = Sweep,
        ["invalid-data"] = NotYet + "unreachable by design: upload validation refuses every value the schema would; kept so a gap answers 422, not 500",
        ["invalid-webhook-token"] = "test: A_webhook_without_the_jobs_token_is_refused_logged_with_its_reason_and_changes_nothing",
        ["body-too-large"] = "test: A_webhook_past_the_size_limit_is_refused_and_logged_and_the_token_is_never_logged",
        ["budget-exceeded"] = "scenario: A run whose OpenAI budget cannot pay for the next call stops before making it",
        ["storage-unavailable"] = "test: A_storage_folder_that_cannot_be_written_is_an_outage_not_bad_input_and_stores_nothing",
        ["database-unavailable"] = "scenario: Uploads while the database is down are refused with a hint to retry",
        ["internal-error"] = "test: An_exception_that_is_not_about_the_database_is_an_internal_error_worth_retrying",
        ["database-conflict"] = "test: A_deadlock_is_a_transient_conflict_not_a_data_error",
        ["document-data-invalid"] = "test: A_nul_character_in_text_is_invalid_data_of_that_document_not_an_outage",
        ["document-data-conflict"] = "test: A_broken_constraint_is_a_data_conflict_of_that_document",
        ["lease-expired"] = "test: A_job_whose_workers_keep_crashing_is_dead_lettered_after_max_attempts",
        ["parser-unavailable"] = "scenario: Documents in flight during a parser outage longer than the retry window are embedded after it",
        ["parser-timeout"] = "test: A_provider_answer_too_late_or_cut_off_is_retried_under_its_own_code_and_the_document_is_embedded",
        ["parser-rate-limited"] = "test: A_rate_limited_parser_upload_is_retried_after_the_wait_it_asks_for_and_the_document_is_embedded",
        ["parser-malformed-response"] = "test: A_provider_answer_too_late_or_cut_off_is_retried_under_its_own_code_and_the_document_is_embedded",
        ["parser-job-failed"] = "scenario: A document the parser cannot read is set aside with a clear reason",
        ["parser-rejected-document"] = "test: A_document_the_parser_cannot_read_is_dead_lettered_at_once",
        ["parser-unauthorized"] = "test: A_parser_key_the_parser_refuses_sets_the_document_aside_at_once_without_naming_the_key",
        ["parsed-content-empty"] = "scenario: A faxed form without any text is set aside at validation",
        ["openai-unavailable"] = "scenario: A spell of OpenAI server errors is retried through",
        ["openai-timeout"] = "test: A_provider_answer_too_late_or_cut_off_is_retried_under_its_own_code_and_the_document_is_embedded",
        ["openai-rate-limited"] = "scenario: A burst of rate limiting is waited out exactly as OpenAI asks",
        ["openai-malformed-response"] = "test: A_provider_answer_too_late_or_cut_off_is_retried_under_its_own_code_and_the_document_is_embedded",
        ["openai-insufficient-quota"] = "scenario: An account without quota is set aside at once, without a retry storm",
        ["openai-bad-request"] = "test: A_vector_size_the_model_cannot_give_is_a_bad_request_that_sets_the_document_aside_at_once",
        ["openai-unauthorized"] = "test: A_rejected_api_key_dead_letters_the_job_at_once",
        ["openai-request-failed"] = "test: A_route_openai_does_not_serve_is_a_failed_request_that_sets_the_document_aside_at_once",
    };

    [Fact]
    public void Every_catalogued_error_says_where_a_real_cause_produces_it_and_each_named_place_exists()
    {
        ProducedBy.Keys.Should().BeEquivalentTo(ErrorCatalogue.Entries.Select(e => e.Code), "every code is traced, or its gap is named");
        var root = RepositoryRoot();
        var features = string.Join('\n', Directory.EnumerateFiles(Path.Combine(root, "Features"), "*.feature", SearchOption.AllDirectories).Select(File.ReadAllText));
        var tests = string.Join('\n', Directory.EnumerateFiles(Path.Combine(root, "reference-pipeline", "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        foreach (var (code, place) in ProducedBy)
        {
            if (place.StartsWith("scenario: ", StringComparison.Ordinal))
                features.Should().Contain($"Scenario: {place["scenario: ".Length..]}", $"{code} is produced by that scenario");
            else if (place.StartsWith("test: ", StringComparison.Ordinal))
                tests.Should().Contain($"{place["test: ".Length..]}(", $"{code} is produced by that test");
            else
                place.Should().StartWith(NotYet, $"{code}: a place or a named gap");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Acceptance.sln"))) return dir.FullName;
        throw new InvalidOperationException("Acceptance.sln not found");
    }
}
