using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mocks.Common.Admin;
using Mocks.Common.Faults;
using Mocks.Common.Requests;

namespace Mocks.Common.Hosting;

public static class MockCommonRegistration
{
    /// <summary>
    /// The clock, the fault injector for <typeparamref name="TSpec"/>, the request log of
    /// <typeparamref name="TRecord"/> and <see cref="MockAdminOptions"/> (section <c>MockAdmin</c>).
    /// </summary>
    public static IServiceCollection AddMockCommon<TSpec, TRecord>(this IServiceCollection services, IConfiguration configuration)
        where TSpec : class, IFaultSpec
    {
        services.Configure<MockAdminOptions>(configuration.GetSection(MockAdminOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FaultInjector<TSpec>>();
        services.AddSingleton<RequestLog<TRecord>>();
        return services;
    }
}
