using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MockLlamaParse;
using MockOpenAi;
using Mocks.Common.Admin;
using Mocks.Tests.Support;

namespace Mocks.Tests;

public sealed class AdminGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.5.6.7", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("::ffff:10.0.0.5", false)]
    [InlineData("2001:db8::1", false)]
    public void Only_loopback_callers_may_use_the_admin_api(string address, bool allowed)
    {
        LoopbackGuard.IsLoopback(IPAddress.Parse(address)).Should().Be(allowed);
    }

    [Fact]
    public void A_caller_without_a_known_address_is_refused()
    {
        LoopbackGuard.IsLoopback(null).Should().BeFalse();
    }

    [Theory]
    [InlineData(false, StatusCodes.Status403Forbidden)]
    [InlineData(true, StatusCodes.Status200OK)]
    public async Task A_remote_caller_is_refused_unless_remote_admin_is_allowed(bool allowRemote, int expectedStatus)
    {
        await using var services = new ServiceCollection()
            .Configure<MockAdminOptions>(o => o.AllowRemote = allowRemote)
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = IPAddress.Parse("172.18.0.1");

        var result = await LoopbackGuard.RefuseRemote(new DefaultEndpointFilterInvocationContext(context),
            _ => ValueTask.FromResult<object?>(Results.Ok()));

        result.Should().BeAssignableTo<IStatusCodeHttpResult>().Which.StatusCode.Should().Be(expectedStatus);
    }

    [Fact]
    public async Task Both_mocks_keep_remote_admin_off_by_default_and_read_MockAdmin_AllowRemote()
    {
        await using var openAi = await RunningMock.StartAsync(MockOpenAiApp.Build);
        await using var llamaParse = await RunningMock.StartAsync(MockLlamaParseApp.Build, "--MockAdmin:AllowRemote=true");

        openAi.App.Services.GetRequiredService<IOptions<MockAdminOptions>>().Value.AllowRemote.Should().BeFalse();
        llamaParse.App.Services.GetRequiredService<IOptions<MockAdminOptions>>().Value.AllowRemote.Should().BeTrue();
        (await llamaParse.Http.GetAsync("/admin/faults", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
