using MockOpenAi.Admin;
using MockOpenAi.Embeddings;
using MockOpenAi.Faults;
using Mocks.Common.Admin;
using Mocks.Common.Hosting;

namespace MockOpenAi;

/// <summary>Builds the mock so it can run as a process (Program.cs) or in-process in tests.</summary>
public static class MockOpenAiApp
{
    /// <summary>
    /// Builds the application. Bind with the <c>Urls</c> setting (env var or <c>--urls</c>);
    /// <c>http://127.0.0.1:0</c> picks a free port, readable from <c>app.Urls</c> after start.
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddJsonConsoleLogging("mock-openai");
        builder.Services.Configure<MockOpenAiOptions>(builder.Configuration.GetSection(MockOpenAiOptions.Section));
        builder.Services.AddMockCommon<FaultSpec, RequestRecord>(builder.Configuration);
        builder.Services.AddSingleton<RateLimitWindow>();
        builder.Services.AddSingleton<TokenCounter>();
        builder.Services.AddSingleton<EmbeddingLatency>();

        var app = builder.Build();
        app.LogBoundAddresses("MockOpenAi.Startup");
        app.UseMiddleware<RequestLogMiddleware>();
        app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        app.MapMockAdmin<FaultSpec, RequestRecord>(FaultKinds.Validate);
        app.MapMockMetrics();
        app.MapEmbeddingsEndpoints();
        app.MapFallback((HttpRequest request) => OpenAiError.InvalidUrl(request.Method, request.Path).ToResult());
        return app;
    }
}
