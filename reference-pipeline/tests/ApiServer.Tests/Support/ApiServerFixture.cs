using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Pipeline.TestKit;

namespace ApiServer.Tests.Support;

/// <summary>
/// One private PostgreSQL cluster and one api-server started in-process on a real loopback port,
/// shared by the tests of the collection. Every test works as its own user, so tests never see
/// each other's rows.
/// </summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    public const string Issuer = "https://issuer.test";
    public const string Audience = "pipeline-api";
    /// <summary>Below the 64 MiB default, so the limit test sends little; above the old 1 MiB cap, so a realistic result fits.</summary>
    public const long MaxWebhookBytes = 8 * 1024 * 1024;
    public const long MaxUploadBytes = 256 * 1024;

    private WebApplication? _app;

    public PostgresCluster Postgres { get; private set; } = null!;
    /// <summary>Every api-server started by the tests also writes its JSON log lines here (a second Serilog sink).</summary>
    public string LogFile { get; } = Path.Combine(Directory.CreateTempSubdirectory("apiserver-tests-logs-").FullName, "api-server.log");

    /// <summary>The log lines written so far, read while the servers keep writing.</summary>
    public string LogText
    {
        get
        {
            if (!File.Exists(LogFile)) return "";
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
    }
    public string StorageRoot { get; } = Directory.CreateTempSubdirectory("apiserver-tests-storage-").FullName;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public NpgsqlDataSource Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Postgres = await PostgresCluster.StartAsync();
        Database = NpgsqlDataSource.Create(Postgres.FailFastConnectionStringFor());
        _app = await StartAppAsync(Postgres.FailFastConnectionStringFor());
        BaseAddress = new Uri(_app.Urls.Single());
        // A request is a functional check, not a speed one: on a machine starved by other runs an upload
        // has been seen to take over 30 s, so the client waits as long as the tests' own waits do.
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>
    /// Starts an api-server in-process on a free loopback port; the caller stops it.
    /// <paramref name="environment"/> names the host environment (e.g. <c>Testing</c> for test defects);
    /// <paramref name="extraSettings"/> are added to its configuration and win over the fixture's (e.g. <c>PIPELINE_DEFECTS</c>).
    /// </summary>
    public async Task<WebApplication> StartAppAsync(string connectionString, string? environment = null,
        IDictionary<string, string?>? extraSettings = null)
    {
        // The host environment is fixed when the builder is made, so it comes as an argument.
        var app = ApiServerApp.Build(environment is null ? [] : [$"--environment={environment}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(BaseSettings(connectionString));
            builder.Configuration.AddInMemoryCollection(extraSettings ?? new Dictionary<string, string?>());
        });
        await app.StartAsync();
        return app;
    }

    private Dictionary<string, string?> BaseSettings(string connectionString) => new()
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["ConnectionStrings:Pipeline"] = connectionString,
        ["Pipeline:StorageRoot"] = StorageRoot,
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Upload:MaxBytes"] = MaxUploadBytes.ToString(),
        ["Webhook:MaxBodyBytes"] = MaxWebhookBytes.ToString(),
        ["Serilog:Using:0"] = "Serilog.Sinks.File",
        ["Serilog:WriteTo:0:Name"] = "File",
        ["Serilog:WriteTo:0:Args:path"] = LogFile,
        ["Serilog:WriteTo:0:Args:shared"] = "true",
        ["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact",
    };

    public static string TokenFor(string userId, string signingKey = SigningKey, DateTime? expires = null)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256);
        var token = new JwtSecurityToken(Issuer, Audience, [new Claim("sub", userId)],
            notBefore: (expires ?? DateTime.UtcNow).AddMinutes(-30), expires: expires ?? DateTime.UtcNow.AddMinutes(30), signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// <summary>A token for an operator: the same signed bearer token with the operator role claim.</summary>
    public static string OperatorTokenFor(string userId)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256);
        var token = new JwtSecurityToken(Issuer, Audience, [new Claim("sub", userId), new Claim("role", "pipeline-operator")],
            notBefore: DateTime.UtcNow.AddMinutes(-1), expires: DateTime.UtcNow.AddMinutes(30), signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    public HttpRequestMessage Request(HttpMethod method, string path, string? userId)
    {
        var request = new HttpRequestMessage(method, path);
        if (userId is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userId));
        return request;
    }

    public Task<HttpResponseMessage> UploadAsync(string? userId, byte[] content, string fileName = "policy.pdf", Guid? correlationId = null) =>
        Http.SendAsync(UploadRequest(userId, content, fileName, correlationId));

    /// <summary>An upload request, for a test that sends it to another server than the fixture's.</summary>
    public HttpRequestMessage UploadRequest(string? userId, byte[] content, string fileName = "policy.pdf", Guid? correlationId = null)
    {
        var request = Request(HttpMethod.Post, "/api/v1/documents", userId);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        request.Content = form;
        if (correlationId is { } id) request.Headers.Add("X-Correlation-Id", id.ToString());
        return request;
    }

    /// <summary>
    /// A hand-written multipart body, for file names HttpClient refuses to send (control characters).
    /// </summary>
    public Task<HttpResponseMessage> UploadRawAsync(string userId, byte[] content, string rawFileName)
    {
        const string boundary = "raw-boundary-4f1c";
        var head = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{rawFileName}\"\r\n" +
            "Content-Type: application/pdf\r\n\r\n");
        var tail = Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n");
        var request = Request(HttpMethod.Post, "/api/v1/documents", userId);
        request.Content = new ByteArrayContent([.. head, .. content, .. tail]);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return Http.SendAsync(request);
    }

    /// <summary>
    /// After a test restarted PostgreSQL: pooled connections are dead, so drop the fixture's and
    /// wait until the server is ready again (its failed readiness probe drops its own).
    /// </summary>
    public async Task RestartDatabaseIfStoppedAsync()
    {
        await Postgres.EnsureRunningAsync();
        Database.Clear();
        await Eventually.UntilAsync("the api-server's readiness after the database restarted",
            () => GetAsync("/health/ready", userId: null), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(20));
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? userId) => Http.SendAsync(Request(HttpMethod.Get, path, userId));

    public async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = Database.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public Task<long> DocumentRowsAsync(string userId) =>
        CountAsync("SELECT count(*) FROM upload_pipeline.documents WHERE user_id = $1", userId);

    public Task<long> EventRowsAsync(string userId) => CountAsync("""
        SELECT count(*) FROM upload_pipeline.events e
        JOIN upload_pipeline.upload_jobs j ON j.job_id = e.job_id WHERE j.user_id = $1
        """, userId);

    public int StoredFileCount() => Directory.EnumerateFiles(StorageRoot, "*", SearchOption.AllDirectories).Count();

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Database is not null) await Database.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
        Directory.Delete(StorageRoot, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiServerCollection : ICollectionFixture<ApiServerFixture>
{
    public const string Name = "api-server";
}
