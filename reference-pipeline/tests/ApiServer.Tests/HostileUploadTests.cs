using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

[Collection(ApiServerCollection.Name)]
public sealed class HostileUploadTests(ApiServerFixture api)
{
    public static TheoryData<string, string, int> Cases => new()
    {
        { "empty", "empty-file", 400 },
        { "truncated", "corrupt-document", 422 },
        { "garbage-after-header", "corrupt-document", 422 },
        { "encrypted", "encrypted-document", 422 },
        { "text-named-pdf", "unsupported-type", 415 },
        { "oversized", "file-too-large", 413 },
        { "far-oversized", "file-too-large", 413 },
        { "traversal", "invalid-filename", 400 },
        { "control-characters", "invalid-filename", 400 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_upload_is_refused_with_its_key_and_leaves_nothing_behind(string kind, string key, int status)
    {
        var user = ApiServerFixture.NewUser();
        var filesBefore = api.StoredFileCount();
        var (content, fileName) = Hostile(kind);

        var response = kind == "control-characters"
            ? await api.UploadRawAsync(user, content, fileName)
            : await api.UploadAsync(user, content, fileName);

        ((int)response.StatusCode).Should().Be(status);
        var body = await response.JsonAsync();
        body.Text("error").Should().Be(key);
        body.Text("message").Should().NotBeNullOrWhiteSpace().And.NotContain("Exception", "a message for people names no exception type");
        body.Text("correlationId").Should().Be(response.Headers.GetValues("X-Correlation-Id").Single());
        (await api.DocumentRowsAsync(user)).Should().Be(0);
        (await api.CountAsync("SELECT count(*) FROM upload_pipeline.upload_jobs WHERE user_id = $1", user)).Should().Be(0);
        api.StoredFileCount().Should().Be(filesBefore);
    }

    [Fact]
    public async Task A_request_without_a_file_part_is_refused_as_missing_file()
    {
        var request = api.Request(HttpMethod.Post, "/api/v1/documents", ApiServerFixture.NewUser());
        request.Content = new MultipartFormDataContent { { new StringContent("hello"), "comment" } };

        var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).Text("error").Should().Be("missing-file");
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_is_refused_with_a_key_not_a_500()
    {
        var request = api.Request(HttpMethod.Post, "/api/v1/documents", ApiServerFixture.NewUser());
        request.Content = new StringContent("{\"file\":\"JVBERi0=\"}", Encoding.UTF8, "application/json");

        var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.JsonAsync()).Text("error").Should().Be("missing-file");
    }

    [Fact]
    public async Task A_broken_multipart_body_is_refused_as_malformed_not_a_500()
    {
        var request = api.Request(HttpMethod.Post, "/api/v1/documents", ApiServerFixture.NewUser());
        request.Content = new ByteArrayContent("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 never closed"u8.ToArray());
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).Text("error").Should().Be("malformed-request");
    }

    private static (byte[] Content, string FileName) Hostile(string kind) => kind switch
    {
        "empty" => ([], "empty.pdf"),
        "truncated" => (TestPdfs.Truncated(), "truncated.pdf"),
        "garbage-after-header" => ([.. "%PDF-1.7\n"u8, .. new byte[2048], .. "\n%%EOF\n"u8], "garbage.pdf"),
        "encrypted" => (TestPdfs.Encrypted(), "encrypted.pdf"),
        "text-named-pdf" => ("This is a plain text note, not a PDF."u8.ToArray(), "note.pdf"),
        "oversized" => (PdfLookingBytes(ApiServerFixture.MaxUploadBytes + 1), "huge.pdf"),
        "far-oversized" => (PdfLookingBytes(ApiServerFixture.MaxUploadBytes * 3), "huger.pdf"),
        "traversal" => (TestPdfs.InsurancePolicy(), "../../etc/passwd.pdf"),
        "control-characters" => (TestPdfs.InsurancePolicy(), "policy\u0007\n.pdf"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static byte[] PdfLookingBytes(long size)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }
}
