using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ApiServer.Tests.Support;
using FluentAssertions;
using Pipeline.Core.Storage;

namespace ApiServer.Tests;

/// <summary>
/// The api-server streams an upload to disk instead of holding it in memory (issue 9, "do not hold whole
/// documents in memory"): a large document costs it far less managed memory than its own size.
/// Alone in its collection, so no other test allocates while the process-wide counter is read.
/// </summary>
[Collection(StreamingUploadCollection.Name)]
public sealed class StreamingUploadTests(ApiServerFixture api)
{
    private const long DocumentBytes = 48L * 1024 * 1024;

    [Fact]
    public async Task A_large_upload_costs_the_api_server_far_less_memory_than_the_document()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("large-upload-").FullName;
        var app = await api.StartAppAsync(api.Postgres.FailFastConnectionStringFor(),
            extraSettings: new Dictionary<string, string?> { ["Upload:MaxBytes"] = (64L * 1024 * 1024).ToString() });
        try
        {
            var pdf = Path.Combine(folder, "scan.pdf");
            var size = LargePdf.Write(pdf, DocumentBytes);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromMinutes(2) };
            var user = ApiServerFixture.NewUser();
            using var warmUp = await http.SendAsync(api.UploadRequest(user, TestPdfs.InsurancePolicy()), ct);
            warmUp.StatusCode.Should().Be(HttpStatusCode.Accepted, "a small upload warms up the server's code paths first");

            var before = GC.GetTotalAllocatedBytes(precise: true);
            await using var file = File.OpenRead(pdf);
            using var response = await http.SendAsync(UploadRequest(user, file), ct);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            TestContext.Current.SendDiagnosticMessage(
                $"upload of {size / 1048576.0:F1} MiB: {allocated / 1048576.0:F1} MiB allocated in the process ({(double)allocated / size:P0} of the file)");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(ct));
            allocated.Should().BeLessThan(size / 2, "the upload streams to disk; it is never held whole in memory");
            file.Position = 0;
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
            (await api.CountAsync("SELECT count(*) FROM upload_pipeline.documents WHERE user_id = $1 AND size_bytes = $2 AND sha256 = $3",
                user, size, sha256)).Should().Be(1, "the stored document is the whole file, hashed while it streamed");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_upload_cut_off_midway_leaves_no_staged_file_and_no_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = ApiServerFixture.NewUser();
        var filesBefore = api.StoredFileCount();
        var pdf = TestPdfs.InsurancePolicy();
        var part = Encoding.ASCII.GetBytes("--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"policy.pdf\"\r\n" +
                                           "Content-Type: application/pdf\r\n\r\n");
        var fullLength = part.Length + pdf.Length + "\r\n--cut--\r\n".Length;
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(api.BaseAddress.Host, api.BaseAddress.Port, ct);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /api/v1/documents HTTP/1.1\r\nHost: {api.BaseAddress.Authority}\r\n" +
                $"Authorization: Bearer {ApiServerFixture.TokenFor(user)}\r\n" +
                $"Content-Type: multipart/form-data; boundary=cut\r\nContent-Length: {fullLength}\r\n\r\n"), ct);
            await stream.WriteAsync(part, ct);
            await stream.WriteAsync(pdf.AsMemory(0, pdf.Length / 2), ct);

            await Eventually.UntilAsync("the half-sent upload being staged in the storage root",
                () => Task.FromResult(StagedFiles()), count => count == 1, TimeSpan.FromSeconds(20));
        } // The client goes away with half the file sent.

        await Eventually.UntilAsync("the staged file of the cut-off upload removed",
            () => Task.FromResult(StagedFiles()), count => count == 0, TimeSpan.FromSeconds(20));
        (await api.DocumentRowsAsync(user)).Should().Be(0);
        api.StoredFileCount().Should().Be(filesBefore);
    }

    private int StagedFiles()
    {
        var staging = Path.Combine(api.StorageRoot, DocumentStorage.StagingFolderName);
        return Directory.Exists(staging) ? Directory.EnumerateFiles(staging).Count() : 0;
    }

    /// <summary>The client's side streams from the file too, so the figure is the server's, not a copy made to send it.</summary>
    private static HttpRequestMessage UploadRequest(string userId, Stream pdf)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiServerFixture.TokenFor(userId));
        var content = new StreamContent(pdf);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        request.Content = new MultipartFormDataContent { { content, "file", "scan.pdf" } };
        return request;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StreamingUploadCollection : ICollectionFixture<ApiServerFixture>
{
    public const string Name = "streaming-uploads";
}
