using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Pipeline.TestKit;
using Pipeline.TestKit.Hostile;

namespace Acceptance.Support.Drivers.Hostile;

/// <summary>
/// The hostile-input sweep: requests generated in code, each a way real clients and attackers get an
/// upload or a read wrong. Broken multipart, missing and duplicated fields, huge headers, wrong and
/// lying content types, damaged and malicious PDFs, hostile file names, bad tokens, oversize bodies.
/// </summary>
public static class HostileRequests
{
    private const string Documents = "api/v1/documents";
    private const string Unauthorized = "unauthorized";
    private const string Corrupt = "corrupt-document";
    private const string BadName = "invalid-filename";
    private const string NotPdf = "unsupported-type";
    private const string Malformed = "malformed-request";
    private const string MissingFile = "missing-file";

    public static IReadOnlyList<HostileRequest> All(long uploadLimitBytes) =>
    [
        // Broken multipart bodies and missing or duplicated fields.
        new("multipart", "multipart content type, empty body", Malformed, t => Raw(t, [], new MultipartBody().ContentType)),
        new("multipart", "multipart content type without a boundary", Malformed, t => Raw(t, Pdf("no-boundary"), "multipart/form-data")),
        new("multipart", "body written with another boundary than declared", Malformed,
            t => Raw(t, new MultipartBody("other-boundary").File(Pdf("other"), "policy.pdf").Close(), new MultipartBody().ContentType)),
        new("multipart", "body cut off before its closing boundary", Malformed,
            t => Raw(t, new MultipartBody().File(Pdf("cut"), "policy.pdf").Unclosed()[..^40], new MultipartBody().ContentType)),
        new("multipart", "no part named file", MissingFile,
            t => Multipart(t, new MultipartBody().Part(Pdf("document"), "Content-Disposition: form-data; name=\"document\"; filename=\"policy.pdf\""))),
        new("multipart", "file part without a file name", BadName,
            t => Multipart(t, new MultipartBody().Part(Pdf("nameless"), "Content-Disposition: form-data; name=\"file\""))),
        new("multipart", "two file parts (the first one counts)", HostileRequest.Accepted,
            t => Multipart(t, new MultipartBody().File(Pdf("first-of-two"), "first.pdf").File(Pdf("second-of-two"), "second.pdf"))),
        new("multipart", "empty file part", "empty-file", t => Multipart(t, new MultipartBody().File([], "empty.pdf"))),
        new("multipart", "unparseable Content-Disposition", MissingFile,
            t => Multipart(t, new MultipartBody().Part(Pdf("disposition"), "Content-Disposition: ;;;=\"\"", "Content-Type: application/pdf"))),
        new("multipart", "part header line of 20 KB", Malformed,
            t => Multipart(t, new MultipartBody().Part(Pdf("long-header"), "Content-Disposition: form-data; name=\"file\"; filename=\"policy.pdf\"",
                $"X-Padding: {new string('a', 20_000)}"))),
        new("multipart", "a thousand empty fields before the file", HostileRequest.Accepted,
            t => Multipart(t, Enumerable.Range(0, 1000).Aggregate(new MultipartBody(),
                    (body, i) => body.Part([], $"Content-Disposition: form-data; name=\"field{i}\""))
                .File(Pdf("after-fields"), "policy.pdf"))),

        // Wrong and lying content types.
        new("content type", "form-urlencoded body", MissingFile, t => Raw(t, Encoding.UTF8.GetBytes("file=policy.pdf"), "application/x-www-form-urlencoded")),
        new("content type", "JSON body", MissingFile, t => Raw(t, Encoding.UTF8.GetBytes("""{"file":"JVBERi0xLjc="}"""), "application/json")),
        new("content type", "PDF bytes without a content type", MissingFile, t => Raw(t, Pdf("no-type"), null)),
        new("content type", "PDF declared as a PNG image (bytes decide)", HostileRequest.Accepted,
            t => Multipart(t, new MultipartBody().File(Pdf("declared-png"), "scan.pdf", "image/png"))),
        new("content type", "HTML page declared as a PDF", NotPdf,
            t => Multipart(t, new MultipartBody().File(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "invoice.pdf"))),
        new("content type", "ZIP archive named like a PDF", NotPdf, t => Multipart(t, new MultipartBody().File(Zip(), "claims.pdf"))),
        new("content type", "PNG image named like a PDF", NotPdf,
            t => Multipart(t, new MultipartBody().File([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "photo.pdf"))),
        new("content type", "Windows executable named like a PDF", NotPdf,
            t => Multipart(t, new MultipartBody().File([(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0], "invoice.pdf"))),
        new("content type", "PDF header followed by garbage", Corrupt,
            t => Multipart(t, new MultipartBody().File(Encoding.ASCII.GetBytes("%PDF-1.7\nnot really a pdf\n%%EOF\n"), "policy.pdf"))),
        new("content type", "PDF header without an end-of-file marker", Corrupt,
            t => Multipart(t, new MultipartBody().File(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n"), "policy.pdf"))),

        // Headers.
        new("headers", "16 KB custom header with a valid upload", HostileRequest.Accepted,
            t => With(Upload(t, Pdf("big-header")), "X-Client-Notes", new string('n', 16 * 1024))),
        new("headers", "64 KB custom header", HostileRequest.RefusedByWebServer,
            t => With(Upload(t, Pdf("huge-header")), "X-Client-Notes", new string('n', 64 * 1024))),
        new("headers", "300 custom headers", HostileRequest.RefusedByWebServer,
            t => Enumerable.Range(0, 300).Aggregate(Upload(t, Pdf("many-headers")), (r, i) => With(r, $"X-Extra-{i}", "x"))),
        new("headers", "correlation id that is not a UUID (replaced)", HostileRequest.Accepted,
            t => With(Upload(t, Pdf("bad-correlation")), "X-Correlation-Id", "'; DROP TABLE documents; --")),

        // File names.
        new("file name", "path traversal", BadName, t => Upload(t, Pdf("traversal"), "../../etc/passwd.pdf")),
        new("file name", "absolute path", BadName, t => Upload(t, Pdf("absolute"), "/etc/passwd.pdf")),
        new("file name", "NUL character", BadName, t => Upload(t, Pdf("nul-name"), "policy\0.pdf")),
        new("file name", "bell control character", BadName, t => Upload(t, Pdf("bell-name"), "policy\u0007.pdf")),
        new("file name", "right-to-left override disguising an extension", BadName, t => Upload(t, Pdf("rlo-name"), "invoice\u202Efdp.exe")),
        new("file name", "left-to-right isolate", BadName, t => Upload(t, Pdf("lri-name"), "\u2066policy.pdf")),
        new("file name", "overlong UTF-8 encoding of dots and a slash", BadName,
            t => Multipart(t, new MultipartBody().Part(Pdf("overlong"),
                "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%C0%AE%C0%AE%C0%AFpasswd.pdf", "Content-Type: application/pdf"))),
        new("file name", "300 characters long", BadName, t => Upload(t, Pdf("long-name"), new string('p', 296) + ".pdf")),
        new("file name", "a single dot", BadName, t => Upload(t, Pdf("dot-name"), ".")),
        new("file name", "only spaces", BadName, t => Upload(t, Pdf("space-name"), "   ")),
        new("file name", "Windows path (its base name is kept)", HostileRequest.Accepted, t => Upload(t, Pdf("windows-path"), @"C:\Users\dana\policy.pdf")),
        new("file name", "German and Chinese characters", HostileRequest.Accepted, t => Upload(t, Pdf("unicode-name"), "Versicherungspolice_Übersicht_保险.pdf")),

        // Damaged and malicious PDFs.
        new("pdf", "truncated document", Corrupt, t => Upload(t, TestDocuments.Get(TestDocuments.Truncated).Bytes)),
        new("pdf", "broken cross-reference offsets (readers repair them)", HostileRequest.Accepted, t => Upload(t, HostilePdfs.WrongXrefOffsets(Marker(t, "xref")))),
        new("pdf", "no cross-reference table (readers rebuild it)", HostileRequest.Accepted, t => Upload(t, HostilePdfs.NoXrefTable(Marker(t, "no-xref")))),
        new("pdf", "arrays nested 100,000 deep", Corrupt, t => Upload(t, HostilePdfs.DeepArrayNesting(100_000))),
        new("pdf", "dictionaries nested 50,000 deep", Corrupt, t => Upload(t, HostilePdfs.DeepDictionaryNesting(50_000))),
        new("pdf", "page tree that contains itself", Corrupt, t => Upload(t, HostilePdfs.PageTreeCycle())),
        new("pdf", "page tree claiming a million pages", HostileRequest.Accepted, t => Upload(t, HostilePdfs.LyingPageCount())),
        new("pdf", "zero pages", Corrupt, t => Upload(t, HostilePdfs.ZeroPages())),
        new("pdf", "catalog without a page tree", Corrupt, t => Upload(t, HostilePdfs.CatalogWithoutPages())),
        new("pdf", "decompression bomb (200 MB from a few hundred KB)", Corrupt, t => Upload(t, Bomb.Value)),
        new("pdf", "JavaScript run on opening (inert to a parser)", HostileRequest.Accepted, t => Upload(t, HostilePdfs.WithJavaScript(Marker(t, "js")))),
        new("pdf", "interactive form with a field", HostileRequest.Accepted, t => Upload(t, HostilePdfs.WithForm(Marker(t, "form")))),
        new("pdf", "stream length far beyond the file", HostileRequest.Accepted, t => Upload(t, HostilePdfs.LyingStreamLength(Marker(t, "length")))),
        new("pdf", "password-protected", "encrypted-document", t => Upload(t, TestDocuments.Get(TestDocuments.Encrypted).Bytes)),

        // Tokens.
        new("token", "no token", Unauthorized, t => Upload(t, Pdf("no-token"), token: null)),
        new("token", "token that is not a JWT", Unauthorized, t => Upload(t, Pdf("garbage-token"), token: "definitely-not-a-jwt")),
        new("token", "expired token", Unauthorized, t => Upload(t, Pdf("expired"), token: t.Tokens.Expired(t.AttackerId))),
        new("token", "token signed with another key", Unauthorized, t => Upload(t, Pdf("forged"), token: t.Tokens.Forged(t.AttackerId))),
        new("token", "token for another audience", Unauthorized, t => Upload(t, Pdf("audience"), token: t.Tokens.ForAudience(t.AttackerId, "billing-api"))),
        new("token", "token from another issuer", Unauthorized, t => Upload(t, Pdf("issuer"), token: t.Tokens.FromIssuer(t.AttackerId, "https://evil.example"))),
        new("token", "token without a subject", Unauthorized, t => Upload(t, Pdf("no-sub"), token: t.Tokens.WithoutSubject())),
        new("token", "unsigned token (alg none)", Unauthorized, t => Upload(t, Pdf("alg-none"), token: t.Tokens.Unsigned(t.AttackerId))),
        new("token", "basic credentials instead of a bearer token", Unauthorized,
            t => WithAuthorization(Upload(t, Pdf("basic"), token: null), new AuthenticationHeaderValue("Basic", "ZGFuYTpodW50ZXIy"))),

        // Oversize bodies.
        new("size", "file one byte over the upload limit", "file-too-large",
            t => Upload(t, [.. "%PDF-1.7\n"u8, .. new byte[uploadLimitBytes - 8]])),

        // Reads and operator actions.
        new("read", "job id that is not an id", "not-found", t => Get(t, "api/v1/jobs/not-a-job-id")),
        new("read", "another user's document", "not-found", t => Get(t, $"{Documents}/{t.VictimDocumentId}")),
        new("read", "another user's job", "not-found", t => Get(t, $"api/v1/jobs/{t.VictimJobId}")),
        new("operator", "requeue by a user without the operator role", "forbidden", t => Post(t, $"api/v1/operator/jobs/{t.VictimJobId}/requeue", t.Tokens.For(t.AttackerId))),
        new("operator", "requeue of a job that is not set aside", "not-set-aside",
            t => Post(t, $"api/v1/operator/jobs/{t.VictimJobId}/requeue", t.Tokens.ForOperator(t.AttackerId))),
        new("operator", "requeue of a job that does not exist", "not-found",
            t => Post(t, $"api/v1/operator/jobs/{Guid.NewGuid()}/requeue", t.Tokens.ForOperator(t.AttackerId))),
    ];

    private static readonly Lazy<byte[]> Bomb = new(() => HostilePdfs.DecompressionBomb(200L * 1024 * 1024));

    // Each accepted upload must carry distinct bytes, or deduplication would merge them.
    private static byte[] Pdf(string marker) => HostilePdfs.Valid(marker);

    private static string Marker(SweepTargets t, string name) => $"{name}-{t.AttackerId}";

    private static HttpRequestMessage Upload(SweepTargets t, byte[] content, string fileName = "policy.pdf", string? token = "") =>
        Multipart(t, new MultipartBody().File(content, fileName), token);

    private static HttpRequestMessage Multipart(SweepTargets t, MultipartBody body, string? token = "") =>
        Raw(t, body.Close(), body.ContentType, token);

    /// <param name="token">"" for the attacker's own valid token, null for none.</param>
    private static HttpRequestMessage Raw(SweepTargets t, byte[] body, string? contentType, string? token = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(t.ApiBaseUrl, Documents)) { Content = new ByteArrayContent(body) };
        if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return Authorize(request, token == "" ? t.Tokens.For(t.AttackerId) : token);
    }

    private static HttpRequestMessage Get(SweepTargets t, string path) =>
        Authorize(new HttpRequestMessage(HttpMethod.Get, new Uri(t.ApiBaseUrl, path)), t.Tokens.For(t.AttackerId));

    private static HttpRequestMessage Post(SweepTargets t, string path, string token) =>
        Authorize(new HttpRequestMessage(HttpMethod.Post, new Uri(t.ApiBaseUrl, path)), token);

    private static HttpRequestMessage Authorize(HttpRequestMessage request, string? token)
    {
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static HttpRequestMessage WithAuthorization(HttpRequestMessage request, AuthenticationHeaderValue value)
    {
        request.Headers.Authorization = value;
        return request;
    }

    private static HttpRequestMessage With(HttpRequestMessage request, string header, string value)
    {
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    private static byte[] Zip()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("policy.pdf").Open();
            entry.Write(HostilePdfs.Valid("zipped"));
        }
        return output.ToArray();
    }
}
