using FluentAssertions;
using Pipeline.Core.Costs;
using Pipeline.Core.Queue;
using Pipeline.Tests.Support;
using Xunit;
using Pipeline.Contract;

namespace Pipeline.Core.Tests;

public sealed class SpendLedgerTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_that_would_cross_the_cap_is_refused_before_it_is_made_and_recorded_as_refused()
    {
        await using var db = await TestDatabase.CreateAsync(server, "spend_cap");
        var ledger = new SpendLedger(db.DataSource, new BudgetOptions { RunId = "run-cap", OpenAiUsd = 0.01m });

        var first = await ledger.ReserveAsync(PaidProviders.OpenAi, null, 0.006m, new { tokens = 300_000 }, Ct);
        var crossing = () => ledger.ReserveAsync(PaidProviders.OpenAi, null, 0.005m, new { tokens = 250_000 }, Ct);

        (await crossing.Should().ThrowAsync<PipelineErrorException>()).Which.Error.Should()
            .Match<PipelineError>(e => e.Code == "budget-exceeded" && !e.Retryable);
        await ledger.SettleAsync(first, 0.004m, new { tokens = 200_000 }, Ct); // the provider charged less than estimated
        await ledger.ReserveAsync(PaidProviders.OpenAi, null, 0.005m, new { tokens = 250_000 }, Ct);
        var summary = (await ledger.SummaryAsync(Ct)).Single();
        summary.Should().Match<ProviderSpend>(s => s.Calls == 2 && s.Refused == 1 && s.ActualUsd == 0.004m && s.CapUsd == 0.01m);
    }

    [Fact]
    public async Task Concurrent_reservations_from_many_workers_never_overspend_the_cap()
    {
        await using var db = await TestDatabase.CreateAsync(server, "spend_race");
        var budget = new BudgetOptions { RunId = "run-race", LlamaParseUsd = 0.01m };

        var attempts = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            try
            {
                await new SpendLedger(db.DataSource, budget).ReserveAsync(PaidProviders.LlamaParse, null, 0.001m, new { pages = 1 }, Ct);
                return true;
            }
            catch (PipelineErrorException)
            {
                return false;
            }
        }, Ct)));

        attempts.Count(made => made).Should().Be(10, "ten calls of $0.001 fit a $0.01 cap, and no more");
    }

    [Fact]
    public void The_dated_price_table_prices_tokens_and_pages_as_the_vendors_publish_them()
    {
        var prices = PriceTable.Load();

        prices.AsOf.Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
        prices.EmbeddingUsd("text-embedding-3-small", 1_000_000).Should().Be(0.02m);
        prices.EmbeddingUsd("text-embedding-3-large", 1_000_000).Should().Be(0.13m);
        prices.EmbeddingUsd("text-embedding-ada-002", 1_000_000).Should().Be(0.10m);
        prices.OpenAi.BatchApiMultiplier.Should().Be(0.5m);
        prices.CreditsUsd(1000).Should().Be(1.25m);
        prices.ParseUsd(1000, "cost_effective").Should().Be(3.75m);
        prices.OpenAi.Sources.Should().NotBeEmpty();
        prices.LlamaParse.Sources.Should().NotBeEmpty();
    }
}
