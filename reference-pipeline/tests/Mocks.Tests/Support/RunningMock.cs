using Microsoft.AspNetCore.Builder;

namespace Mocks.Tests.Support;

/// <summary>A mock started in-process on a real loopback socket with a free port.</summary>
public sealed class RunningMock : IAsyncDisposable
{
    private RunningMock(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>A plain client for raw wire checks and the admin API.</summary>
    public HttpClient Http { get; }

    public static async Task<RunningMock> StartAsync(Func<string[], WebApplication> build, params string[] settings)
    {
        var app = build(["--urls=http://127.0.0.1:0", .. settings]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningMock(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
