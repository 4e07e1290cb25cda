using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Pipeline.Core.Defects;

namespace BaseWorker;

/// <summary>
/// Test-only defects in the worker's HTTP transport to the providers, chosen at registration so no
/// production code path checks for them:
/// <list type="bullet">
/// <item>serialise-embeddings: every OpenAI request first takes one PostgreSQL advisory lock shared by
/// all workers and holds it until the answer is in, so the workers queue behind each other and adding
/// workers adds no throughput.</item>
/// <item>keep-processed-documents: every request and answer to and from the providers (the document's
/// bytes, its parsed text, its chunks and vectors) is kept in a static list for the life of the
/// process: a memory leak that grows with every document processed.</item>
/// <item>misplaced-vectors: see <see cref="MisplacedVectors"/>.</item>
/// </list>
/// </summary>
public static class ProviderTransportDefects
{
    /// <summary>The innermost handler of the worker's OpenAI client.</summary>
    public static HttpMessageHandler OpenAiTransport(IServiceProvider services)
    {
        var defects = services.GetRequiredService<PipelineDefects>();
        HttpMessageHandler transport = new HttpClientHandler();
        if (defects.IsOn(PipelineDefects.SerialiseEmbeddings))
            transport = new OneAtATimeHandler(services.GetRequiredService<NpgsqlDataSource>()) { InnerHandler = transport };
        if (defects.IsOn(PipelineDefects.KeepProcessedDocuments))
            transport = new KeepEverythingHandler { InnerHandler = transport };
        if (defects.IsOn(PipelineDefects.MisplacedVectors))
            transport = MisplacedVectors.Over(transport);
        return transport;
    }

    /// <summary>Adds the LlamaParse half of keep-processed-documents when it is on.</summary>
    public static IHostApplicationBuilder AddProviderTransportDefects(this IHostApplicationBuilder builder)
    {
        var defects = PipelineDefects.FromConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
        if (defects.IsOn(PipelineDefects.KeepProcessedDocuments))
            builder.Services.AddHttpClient<Pipeline.Core.Providers.LlamaParseClient>().AddHttpMessageHandler(() => new KeepEverythingHandler());
        return builder;
    }

    private sealed class OneAtATimeHandler(NpgsqlDataSource db) : DelegatingHandler
    {
        /// <summary>Any fixed key: all workers contend for the same lock.</summary>
        private const long LockKey = 4_3_0009;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
                await take.ExecuteNonQueryAsync(cancellationToken);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                // Held until the body is in, as a client that reads the whole answer under the lock would.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                // Pooled connections keep their session, and with it a session lock, until told otherwise.
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    private sealed class KeepEverythingHandler : DelegatingHandler
    {
        /// <summary>
        /// Each exchange is copied into a buffer sized for a large document, as a per-document cache
        /// would allocate: small test documents then leak at the rate large real ones would.
        /// </summary>
        private const int BufferBytes = 2 * 1024 * 1024;

        /// <summary>Never emptied: that is the leak.</summary>
        private static readonly ConcurrentQueue<byte[]> Kept = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken);
                Keep(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            }
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            Keep(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            return response;
        }

        private static void Keep(byte[] content)
        {
            var buffer = new byte[Math.Max(BufferBytes, content.Length)];
            content.CopyTo(buffer, 0);
            // Touched, so the pages are resident, as a buffer that was read into would be.
            for (var page = 0; page < buffer.Length; page += 4096) buffer[page] |= 1;
            Kept.Enqueue(buffer);
        }
    }
}
