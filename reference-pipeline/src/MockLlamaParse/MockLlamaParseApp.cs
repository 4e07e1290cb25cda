using MockLlamaParse.Admin;
using MockLlamaParse.Faults;
using MockLlamaParse.Parsing;
using MockLlamaParse.Webhooks;
using Mocks.Common.Hosting;

namespace MockLlamaParse;

/// <summary>Builds the mock so it can run as a process (Program.cs) or in-process in tests.</summary>
public static class MockLlamaParseApp
{
    /// <summary>Builds the application (see <see cref="MockHost.CreateBuilder{TSpec, TRecord}"/> for binding).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = MockHost.CreateBuilder<FaultSpec, RequestRecord>(args, "mock-llamaparse");
        builder.Services.Configure<MockLlamaParseOptions>(builder.Configuration.GetSection(MockLlamaParseOptions.Section));
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<JobFolders>();
        builder.Services.AddSingleton<ParseJobRunner>();
        // HttpClient's own log lines name the full URL, and a receiver's webhook URL carries its token.
        builder.Services.AddHttpClient<WebhookSender>(client => client.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();

        var app = builder.Build();
        app.MapMockEssentials<FaultSpec, RequestRecord, RequestLogMiddleware>(FaultKinds.Validate);
        app.MapParsingEndpoints();
        return app;
    }
}
