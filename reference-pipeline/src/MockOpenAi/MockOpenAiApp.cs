using MockOpenAi.Admin;
using MockOpenAi.Embeddings;
using MockOpenAi.Faults;
using MockOpenAi.Hosting;

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
        builder.AddJsonConsoleLogging();
        builder.Services.Configure<MockOpenAiOptions>(builder.Configuration.GetSection(MockOpenAiOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<RateLimitWindow>();
        builder.Services.AddSingleton<TokenCounter>();

        var app = builder.Build();
        app.LogBoundAddresses();
        app.UseMiddleware<RequestLogMiddleware>();
        app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        app.MapAdminEndpoints();
        app.MapEmbeddingsEndpoints();
        return app;
    }
}
