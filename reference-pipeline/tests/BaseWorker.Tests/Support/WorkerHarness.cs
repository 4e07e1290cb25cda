using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Core;
using Pipeline.Core.Hosting;
using Pipeline.Core.Storage;
using Pipeline.Tests.Support;
using Pipeline.Contract;

namespace BaseWorker.Tests.Support;

/// <summary>
/// A base-worker host built exactly as Program.cs builds it, pointed at a test database and the
/// fake providers, plus helpers to seed an uploaded document and wait for its job.
/// </summary>
public sealed class WorkerHarness : IAsyncDisposable
{
    public const string WebhookUrl = "http://127.0.0.1:9/api/v1/webhooks/llamaparse";
    public IHost Host { get; }
    public TestDatabase Database { get; }
    public FakeProviders Providers { get; }
    public CapturedLogs Logs { get; } = new();
    public string StorageRoot { get; }
    private bool _started;

    private WorkerHarness(TestDatabase database, FakeProviders providers, IDictionary<string, string?> overrides, string? environment)
    {
        Database = database;
        Providers = providers;
        StorageRoot = Path.Combine(Path.GetTempPath(), $"pipeline-storage-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Pipeline"] = database.ConnectionString,
            ["Pipeline:StorageRoot"] = StorageRoot,
            ["Worker:Id"] = "test-worker",
            ["Worker:Concurrency"] = "2",
            ["Worker:LeaseSeconds"] = "15",
            ["Worker:MaxAttempts"] = "3",
            ["Worker:BackoffBaseMs"] = "20",
            ["Worker:BackoffMaxMs"] = "100",
            ["Worker:IdlePollMs"] = "50",
            ["Worker:ParsePollSeconds"] = "0",
            ["Worker:ShutdownDeadlineSeconds"] = "5",
            ["LlamaParse:BaseUrl"] = providers.BaseUrl,
            ["LlamaParse:ApiKey"] = "llx-test-key",
            ["LlamaParse:WebhookUrl"] = WebhookUrl,
            ["OpenAI:BaseUrl"] = providers.BaseUrl,
            ["OpenAI:ApiKey"] = "sk-test-key",
            ["OpenAI:Model"] = "text-embedding-3-small",
            ["Chunking:MaxTokens"] = "64",
            ["Chunking:OverlapTokens"] = "8",
        };
        foreach (var (key, value) in overrides) settings[key] = value;

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.AddPipelineCore();
        builder.AddBaseWorker();
        Host = builder.Build();
    }

    /// <param name="environment">The host environment, e.g. <c>Testing</c> for test defects and stage delays.</param>
    public static async Task<WorkerHarness> CreateAsync(PostgresServer server, string name,
        IDictionary<string, string?>? overrides = null, string? environment = null)
    {
        var database = await TestDatabase.CreateAsync(server, name);
        var providers = await FakeProviders.StartAsync();
        return new WorkerHarness(database, providers, overrides ?? new Dictionary<string, string?>(), environment);
    }

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task StartAsync()
    {
        await Host.StartAsync(Xunit.TestContext.Current.CancellationToken);
        _started = true;
    }

    /// <summary>Stores a fake PDF the way the api-server does and queues its job.</summary>
    public async Task<(Guid DocumentId, Guid JobId, Guid CorrelationId)> UploadAsync(string filename = "simulated_insurance_document.pdf")
    {
        var storage = Service<DocumentStorage>();
        var documentId = Guid.NewGuid();
        var path = await storage.SaveUploadAsync(documentId, ".pdf", new MemoryStream("%PDF-1.7 simulated policy"u8.ToArray()),
            CancellationToken.None);
        return await Database.SeedJobAsync(path, filename, documentId);
    }

    public Task<JobRow> WaitForStateAsync(Guid jobId, string state, TimeSpan? timeout = null) =>
        Eventually.UntilAsync($"job {jobId} reaching state {state}", () => Database.JobAsync(jobId), j => j.State == state,
            timeout ?? TimeSpan.FromSeconds(20));

    public Task<JobRow> WaitForDoneAsync(Guid jobId) =>
        Eventually.UntilAsync($"job {jobId} reaching {Stages.Embedded}/{JobStates.Done}", () => Database.JobAsync(jobId),
            j => j is { Stage: Stages.Embedded, State: JobStates.Done } || j.State == JobStates.Deadletter, TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        if (_started) await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        await Providers.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(StorageRoot)) Directory.Delete(StorageRoot, recursive: true);
    }
}
