using MockOpenAi.Admin;
using MockOpenAi.Embeddings;
using MockOpenAi.Faults;
using Mocks.Common.Hosting;

namespace MockOpenAi;

/// <summary>Builds the mock so it can run as a process (Program.cs) or in-process in tests.</summary>
public static class MockOpenAiApp
{
    /// <summary>Builds the application (see <see cref="MockHost.CreateBuilder{TSpec, TRecord}"/> for binding).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = MockHost.CreateBuilder<FaultSpec, RequestRecord>(args, "mock-openai");
        builder.Services.Configure<MockOpenAiOptions>(builder.Configuration.GetSection(MockOpenAiOptions.Section));
        builder.Services.AddSingleton<RateLimitWindow>();
        builder.Services.AddSingleton<TokenCounter>();
        builder.Services.AddSingleton<EmbeddingLatency>();

        var app = builder.Build();
        app.MapMockEssentials<FaultSpec, RequestRecord, RequestLogMiddleware>(FaultKinds.Validate);
        app.MapEmbeddingsEndpoints();
        app.MapFallback((HttpRequest request) => OpenAiError.InvalidUrl(request.Method, request.Path).ToResult());
        return app;
    }
}
