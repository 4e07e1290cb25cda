using FluentAssertions;
using Npgsql;
using Pipeline.Core.Errors;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

/// <summary>
/// Database errors produced by real causes on a real PostgreSQL are classified by what caused them:
/// data the server refuses is permanent and names the document, a lost connection is transient.
/// </summary>
public sealed class FailureClassificationTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Guid DocumentId = Guid.Parse("5f0c1c7e-3b6a-4f0e-9a55-0d1f2b7c9e01");

    [Fact]
    public async Task A_nul_character_in_text_is_invalid_data_of_that_document_not_an_outage()
    {
        await using var db = await TestDatabase.CreateAsync(server, "classify_nul", migrate: false);
        var refusal = await RefusalAsync(db, "SELECT @text::text", ("text", "we ac\0knowledge receipt"));

        DatabaseFailure.Classify(refusal!).Should().Be(DatabaseFailureKind.InvalidData);
        var error = FailureClassifier.Classify(refusal!, Stages.Chunking, DocumentId);
        error.Code.Should().Be("document-data-invalid");
        error.Retryable.Should().BeFalse("the same text is refused however often it is sent");
        error.Message.Should().Contain(DocumentId.ToString()).And.Contain("22021").And.Contain(Stages.Chunking);
    }

    [Fact]
    public async Task A_nul_escape_in_json_is_invalid_data()
    {
        await using var db = await TestDatabase.CreateAsync(server, "classify_jsonb", migrate: false);
        var refusal = await RefusalAsync(db, "SELECT @json::jsonb", ("json", """{"text":"a\u0000b"}"""));

        FailureClassifier.Classify(refusal!, Stages.Parsed, DocumentId).Code.Should().Be("document-data-invalid");
        DatabaseFailure.Describe(refusal!).Should().Contain("22P05");
    }

    [Fact]
    public async Task A_value_too_long_is_invalid_data()
    {
        await using var db = await TestDatabase.CreateAsync(server, "classify_long", migrate: false);
        await using var create = db.DataSource.CreateCommand("CREATE TABLE short_names (name varchar(8))");
        await create.ExecuteNonQueryAsync(Ct);
        var tooLong = await RefusalAsync(db, "INSERT INTO short_names VALUES (@text)", ("text", "Versicherungspolice"));
        FailureClassifier.Classify(tooLong!, Stages.Chunking, DocumentId).Code.Should().Be("document-data-invalid");
        DatabaseFailure.Describe(tooLong!).Should().Contain("22001");
    }

    [Fact]
    public async Task A_broken_constraint_is_a_data_conflict_of_that_document()
    {
        await using var db = await TestDatabase.CreateAsync(server, "classify_unique", migrate: false);
        await using (var create = db.DataSource.CreateCommand("CREATE TABLE policies (number text PRIMARY KEY); INSERT INTO policies VALUES ('NMI-1')"))
            await create.ExecuteNonQueryAsync(Ct);
        var refusal = await RefusalAsync(db, "INSERT INTO policies VALUES (@number)", ("number", "NMI-1"));

        var error = FailureClassifier.Classify(refusal!, Stages.EmbeddingsBuffered, DocumentId);
        error.Code.Should().Be("document-data-conflict");
        error.Retryable.Should().BeFalse();
        error.Message.Should().Contain(DocumentId.ToString()).And.Contain("23505");
    }

    [Fact]
    public async Task A_connection_killed_by_the_server_is_a_transient_outage()
    {
        await using var db = await TestDatabase.CreateAsync(server, "classify_killed", migrate: false);
        await using var victim = await db.DataSource.OpenConnectionAsync(Ct);
        await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", victim);
        var backend = (int)(await pid.ExecuteScalarAsync(Ct))!;
        await using (var kill = db.DataSource.CreateCommand($"SELECT pg_terminate_backend({backend})"))
            await kill.ExecuteScalarAsync(Ct);

        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var probe = new NpgsqlCommand("SELECT 1", victim);
            await probe.ExecuteScalarAsync(Ct);
        });

        failure.Should().NotBeNull();
        var error = FailureClassifier.Classify(failure!, Stages.Chunking, DocumentId);
        error.Code.Should().Be("database-unavailable");
        error.Retryable.Should().BeTrue();
    }

    [Fact]
    public async Task A_deadlock_is_a_transient_conflict_not_a_data_error()
    {
        await using var db = await TestDatabase.CreateAsync(server, "classify_deadlock", migrate: false);
        await using (var create = db.DataSource.CreateCommand("CREATE TABLE claims (id int PRIMARY KEY, n int); INSERT INTO claims VALUES (1, 0), (2, 0)"))
            await create.ExecuteNonQueryAsync(Ct);
        await using var a = await db.DataSource.OpenConnectionAsync(Ct);
        await using var b = await db.DataSource.OpenConnectionAsync(Ct);
        await using var ta = await a.BeginTransactionAsync(Ct);
        await using var tb = await b.BeginTransactionAsync(Ct);
        await Update(a, ta, 1);
        await Update(b, tb, 2);

        // Each now waits for the row the other holds: PostgreSQL's deadlock detector aborts one of them.
        var outcomes = await Task.WhenAll(Record.ExceptionAsync(() => Update(a, ta, 2)).AsTask(), Record.ExceptionAsync(() => Update(b, tb, 1)).AsTask());

        var victim = outcomes.Single(e => e is not null)!;
        DatabaseFailure.Describe(victim).Should().Contain("40P01");
        var error = FailureClassifier.Classify(victim, Stages.Chunking, DocumentId);
        (error.Code, error.Retryable).Should().Be(("database-conflict", true));

        static async Task Update(NpgsqlConnection connection, NpgsqlTransaction transaction, int id)
        {
            await using var update = new NpgsqlCommand($"UPDATE claims SET n = n + 1 WHERE id = {id}", connection, transaction);
            await update.ExecuteNonQueryAsync(Ct);
        }
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_a_transient_outage()
    {
        var closedPort = new NpgsqlDataSourceBuilder("Host=127.0.0.1;Port=1;Username=nobody;Timeout=2").Build();
        await using var _ = closedPort;
        var failure = await Record.ExceptionAsync(async () => await closedPort.OpenConnectionAsync(Ct));

        FailureClassifier.Classify(failure!, Stages.Chunking, DocumentId).Code.Should().Be("database-unavailable");
    }

    [Fact]
    public async Task A_provider_call_that_times_out_is_not_a_database_outage()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start(); // accepts the connection and never answers, like a stalled provider
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var failure = await Record.ExceptionAsync(() => http.GetAsync($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/", Ct));

        failure!.InnerException.Should().BeOfType<TimeoutException>("HttpClient reports its own timeout this way");
        DatabaseFailure.Classify(failure!).Should().Be(DatabaseFailureKind.None);
        FailureClassifier.Classify(failure!, Stages.Embedding, DocumentId).Code.Should().Be("internal-error");
    }

    [Theory]
    [InlineData("08006", DatabaseFailureKind.Unavailable)]
    [InlineData("57P01", DatabaseFailureKind.Unavailable)]
    [InlineData("57P03", DatabaseFailureKind.Unavailable)]
    [InlineData("53300", DatabaseFailureKind.Unavailable)]
    [InlineData("40001", DatabaseFailureKind.Conflict)]
    [InlineData("40P01", DatabaseFailureKind.Conflict)]
    [InlineData("22021", DatabaseFailureKind.InvalidData)]
    [InlineData("22P05", DatabaseFailureKind.InvalidData)]
    [InlineData("23503", DatabaseFailureKind.ConstraintViolation)]
    [InlineData("42P01", DatabaseFailureKind.Defect)]
    public void Every_sqlstate_class_has_one_meaning(string sqlState, DatabaseFailureKind expected) =>
        DatabaseFailure.ClassifySqlState(sqlState).Should().Be(expected);

    [Fact]
    public void An_exception_that_is_not_about_the_database_is_an_internal_error_worth_retrying()
    {
        var error = FailureClassifier.Classify(new InvalidOperationException("unexpected"), Stages.Parsing, DocumentId);
        error.Code.Should().Be("internal-error");
        error.Retryable.Should().BeTrue();
    }

    [Fact]
    public void An_internal_errors_message_says_what_happened_in_words_without_exception_type_names()
    {
        foreach (var defect in new Exception[] { new InvalidOperationException("Sequence contains no elements"), new Exception() })
        {
            var message = FailureClassifier.Classify(defect, Stages.Chunking, DocumentId).Message;

            message.Should().MatchRegex("^[A-Z].{20,}", "a sentence a person can read")
                .And.Contain(Stages.Chunking).And.Contain(DocumentId.ToString())
                .And.NotContain("Exception", "type names are for the log, not for people")
                .And.NotContain(nameof(InvalidOperationException));
        }
    }

    private static async Task<Exception?> RefusalAsync(TestDatabase db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await Record.ExceptionAsync(() => command.ExecuteScalarAsync(Ct));
    }
}
