using MockLlamaParse.Admin;
using MockLlamaParse.Faults;
using MockLlamaParse.Parsing;
using MockLlamaParse.Webhooks;
using Mocks.Common.Admin;
using Mocks.Common.Hosting;

namespace MockLlamaParse;

/// <summary>Builds the mock so it can run as a process (Program.cs) or in-process in tests.</summary>
public static class MockLlamaParseApp
{
    /// <summary>
    /// Builds the application. Bind with the <c>Urls</c> setting (env var or <c>--urls</c>);
    /// <c>http://127.0.0.1:0</c> picks a free port, readable from <c>app.Urls</c> after start.
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddJsonConsoleLogging("mock-llamaparse");
        builder.Services.Configure<MockLlamaParseOptions>(builder.Configuration.GetSection(MockLlamaParseOptions.Section));
        builder.Services.AddMockCommon<FaultSpec, RequestRecord>(builder.Configuration);
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<ParseJobRunner>();
        // HttpClient's own log lines name the full URL, and a receiver's webhook URL carries its token.
        builder.Services.AddHttpClient<WebhookSender>(client => client.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();

        var app = builder.Build();
        app.LogBoundAddresses("MockLlamaParse.Startup");
        app.UseMiddleware<RequestLogMiddleware>();
        app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        app.MapMockAdmin<FaultSpec, RequestRecord>(FaultKinds.Validate);
        app.MapMockMetrics();
        app.MapParsingEndpoints();
        return app;
    }
}
