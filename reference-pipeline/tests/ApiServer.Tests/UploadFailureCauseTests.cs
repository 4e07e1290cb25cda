using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

/// <summary>
/// An upload that fails while it is read or stored is classified by its cause, not by the exception's
/// type: a body the client cut off is bad input (400 <c>malformed-request</c>), a storage that cannot be
/// written is the server's outage (503 <c>storage-unavailable</c>), and neither leaves anything behind.
/// </summary>
[Collection(ApiServerCollection.Name)]
public sealed class UploadFailureCauseTests(ApiServerFixture api)
{
    [Theory]
    [InlineData("chunk-size-not-hexadecimal")]
    [InlineData("part-headers-over-16-KiB")]
    public async Task A_body_that_breaks_midway_is_refused_as_malformed_and_stores_nothing(string breakage)
    {
        var user = ApiServerFixture.NewUser();
        var filesBefore = api.StoredFileCount();
        var (framing, body) = Broken(breakage);

        var (status, answer) = await SendRawAsync(user, framing, body);

        status.Should().Be(HttpStatusCode.BadRequest, "the body is the client's fault, not the server's");
        answer.GetProperty("error").GetString().Should().Be("malformed-request");
        answer.GetProperty("retryable").GetBoolean().Should().BeFalse();
        (await api.DocumentRowsAsync(user)).Should().Be(0);
        api.StoredFileCount().Should().Be(filesBefore);
    }

    private static (string Framing, byte[] Body) Broken(string breakage)
    {
        var pdf = TestPdfs.InsurancePolicy();
        const string disposition = "Content-Disposition: form-data; name=\"file\"; filename=\"policy.pdf\"\r\n";
        switch (breakage)
        {
            case "chunk-size-not-hexadecimal":
            {
                // One good chunk with half the file, then a chunk-size line that is not hexadecimal (RFC 9112 §7.1),
                // as a broken proxy leaves it: Kestrel fails the body read.
                byte[] part = [.. Encoding.ASCII.GetBytes($"--cut\r\n{disposition}Content-Type: application/pdf\r\n\r\n"), .. pdf.AsSpan(0, pdf.Length / 2)];
                return ("Transfer-Encoding: chunked", [.. Encoding.ASCII.GetBytes($"{part.Length:x}\r\n"), .. part, .. "\r\nzz\r\n"u8]);
            }
            case "part-headers-over-16-KiB":
            {
                // A part header section past MultipartReader's 16 KiB limit: the reader throws InvalidDataException.
                byte[] body = [.. Encoding.ASCII.GetBytes($"--cut\r\n{disposition}X-Padding: {new string('a', 20_000)}\r\n\r\n"), .. pdf,
                    .. "\r\n--cut--\r\n"u8];
                return ($"Content-Length: {body.Length}", body);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }
    }

    [Fact]
    public async Task A_storage_folder_that_cannot_be_written_is_an_outage_not_bad_input_and_stores_nothing()
    {
        // A file where the storage folder should be (a volume not mounted, a path typo): every write fails with an IOException.
        var notAFolder = Path.Combine(Path.GetTempPath(), $"pipeline-storage-is-a-file-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(notAFolder, "not a folder", TestContext.Current.CancellationToken);
        var app = await api.StartAppAsync(api.Postgres.FailFastConnectionStringFor(),
            extraSettings: new Dictionary<string, string?> { ["Pipeline:StorageRoot"] = notAFolder });
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var user = ApiServerFixture.NewUser();

            var response = await http.SendAsync(api.UploadRequest(user, TestPdfs.InsurancePolicy()), TestContext.Current.CancellationToken);

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a storage failure is the server's, not the client's");
            var body = await response.JsonAsync();
            body.Text("error").Should().Be("storage-unavailable");
            body.Text("message").Should().Contain("nothing was stored");
            response.Headers.RetryAfter!.Delta.Should().BePositive();
            (await api.DocumentRowsAsync(user)).Should().Be(0);
            (await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE user_id = $1", user)).Should().Be(0);
            (await File.ReadAllTextAsync(notAFolder, TestContext.Current.CancellationToken)).Should().Be("not a folder");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            File.Delete(notAFolder);
        }
    }

    /// <summary>An upload sent over a raw socket with <paramref name="framing"/> as its body header; the answer's status and JSON.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> SendRawAsync(string user, string framing, byte[] body)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(api.BaseAddress.Host, api.BaseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        var head = Encoding.ASCII.GetBytes(
            $"POST /api/v1/documents HTTP/1.1\r\nHost: {api.BaseAddress.Authority}\r\n" +
            $"Authorization: Bearer {ApiServerFixture.TokenFor(user)}\r\n" +
            $"Content-Type: multipart/form-data; boundary=cut\r\n{framing}\r\n\r\n");
        await stream.WriteAsync(head, timeout.Token);
        await stream.WriteAsync(body, timeout.Token);

        var text = await ReadAnswerAsync(stream, timeout.Token);
        var status = (HttpStatusCode)int.Parse(text.Split(' ', 3)[1]);
        var json = text[text.IndexOf("\r\n\r\n", StringComparison.Ordinal)..];
        json = json[json.IndexOf('{')..(json.LastIndexOf('}') + 1)];
        return (status, JsonDocument.Parse(json).RootElement.Clone());
    }

    /// <summary>Reads until the server closes the connection or the JSON error body is complete.</summary>
    private static async Task<string> ReadAnswerAsync(NetworkStream stream, CancellationToken ct)
    {
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var text = answer.ToString();
            var bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (bodyStart >= 0 && text.IndexOf('}', bodyStart) >= 0 && text.TrimEnd().EndsWith('}') || text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal))
                break;
        }
        return answer.ToString();
    }
}
