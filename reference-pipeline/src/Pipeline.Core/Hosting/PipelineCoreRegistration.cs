using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Pipeline.Core.Defects;
using Pipeline.Core.Options;
using Pipeline.Core.Storage;

namespace Pipeline.Core.Hosting;

/// <summary>The services every pipeline process shares: database, storage, defects, options.</summary>
public static class PipelineCoreRegistration
{
    /// <summary>
    /// Registers <see cref="NpgsqlDataSource"/> (from <c>ConnectionStrings__Pipeline</c>),
    /// <see cref="DocumentStorage"/> (from <c>Pipeline__StorageRoot</c>), the test-only
    /// <see cref="PipelineDefects"/> and <see cref="StageDelays"/>, and binds <see cref="PipelineOptions"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPipelineCore(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<PipelineOptions>(builder.Configuration.GetSection(PipelineOptions.Section));
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(RequiredConnectionString(builder.Configuration)));
        builder.Services.AddSingleton(sp => new DocumentStorage(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.StorageRoot));
        builder.AddTestSettings();
        return builder;
    }

    /// <summary>
    /// Registers <see cref="PipelineDefects"/> and <see cref="StageDelays"/> from the host's
    /// configuration; both are empty unless the environment is <c>Testing</c>.
    /// </summary>
    public static IHostApplicationBuilder AddTestSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => PipelineDefects.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().EnvironmentName));
        builder.Services.AddSingleton(sp => StageDelays.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().EnvironmentName));
        return builder;
    }

    public static string RequiredConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(PipelineOptions.ConnectionStringName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"Set ConnectionStrings__{PipelineOptions.ConnectionStringName} to the pipeline's PostgreSQL connection string.");
}
