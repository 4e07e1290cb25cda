using System.Net;

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
        MockOpenAi.Admin.LoopbackGuard.IsLoopback(IPAddress.Parse(address)).Should().Be(allowed);
        MockLlamaParse.Admin.LoopbackGuard.IsLoopback(IPAddress.Parse(address)).Should().Be(allowed);
    }

    [Fact]
    public void A_caller_without_a_known_address_is_refused()
    {
        MockOpenAi.Admin.LoopbackGuard.IsLoopback(null).Should().BeFalse();
        MockLlamaParse.Admin.LoopbackGuard.IsLoopback(null).Should().BeFalse();
    }
}
