using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pipeline.Core.Queue;

namespace Pipeline.Core.Providers;

/// <summary>The parser's markdown result and what it cost.</summary>
public sealed record ParsedMarkdown(string Markdown, int? Pages, double? CreditsUsed);

/// <summary>Parser job states of the LlamaParse v1 API.</summary>
public static class ParserJobStatus
{
    public const string Pending = "PENDING";
    public const string Success = "SUCCESS";
    public const string PartialSuccess = "PARTIAL_SUCCESS";
    public const string Error = "ERROR";
    public const string Cancelled = "CANCELLED";
}

/// <summary>A parser job's status; <see cref="ErrorCode"/> and <see cref="ErrorMessage"/> say why it failed.</summary>
public sealed record ParserJob(string Id, string Status, string? ErrorMessage, string? ErrorCode = null)
{
    /// <summary>Failures that come from the document itself: parsing it again cannot succeed.</summary>
    private static readonly HashSet<string> DocumentErrorCodes =
        new(["UNSUPPORTED_FILE_TYPE", "ENCRYPTED_DOCUMENT", "CORRUPT_DOCUMENT", "INVALID_DOCUMENT", "EMPTY_DOCUMENT"], StringComparer.OrdinalIgnoreCase);

    public bool FailedOnTheDocument => ErrorCode is not null && DocumentErrorCodes.Contains(ErrorCode);
}

/// <summary>
/// Typed HttpClient for the LlamaParse v1 REST API (BaseAddress and bearer key set at
/// registration). Failures surface as <see cref="PipelineErrorException"/>, classified retryable or not.
/// </summary>
public sealed class LlamaParseClient(HttpClient http)
{
    public static void Configure(HttpClient http, string baseUrl, string apiKey, TimeSpan timeout)
    {
        http.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        http.Timeout = timeout;
    }

    public async Task<ParserJob> UploadAsync(string filePath, string fileName, string? webhookUrl, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        await using var file = File.OpenRead(filePath);
        var fileContent = new StreamContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue(MimeFor(fileName));
        form.Add(fileContent, "file", fileName);
        if (!string.IsNullOrWhiteSpace(webhookUrl)) form.Add(new StringContent(webhookUrl), "webhook_url");
        using var document = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/parsing/upload") { Content = form }, ct);
        return ReadJob(document.RootElement);
    }

    public async Task<ParserJob> GetStatusAsync(string jobId, CancellationToken ct)
    {
        using var document = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/v1/parsing/job/{Uri.EscapeDataString(jobId)}"), ct);
        return ReadJob(document.RootElement);
    }

    public async Task<ParsedMarkdown> GetMarkdownAsync(string jobId, CancellationToken ct)
    {
        using var document = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, $"api/v1/parsing/job/{Uri.EscapeDataString(jobId)}/result/markdown"), ct);
        var root = document.RootElement;
        if (!root.TryGetProperty("markdown", out var markdown) || markdown.ValueKind != JsonValueKind.String)
            throw Malformed("the markdown result has no \"markdown\" string");
        int? pages = null;
        double? credits = null;
        if (root.TryGetProperty("job_metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            if (metadata.TryGetProperty("job_pages", out var p) && p.TryGetDouble(out var pageCount)) pages = (int)pageCount;
            if (metadata.TryGetProperty("credits_used", out var c) && c.TryGetDouble(out var used)) credits = used;
        }
        return new ParsedMarkdown(markdown.GetString()!, pages, credits);
    }

    private async Task<JsonDocument> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            using var message = request();
            response = await http.SendAsync(message, ct);
        }
        catch (HttpRequestException e)
        {
            throw new PipelineErrorException(PipelineError.Transient("parser-unavailable", $"The parser could not be reached: {e.Message}"), e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PipelineErrorException(PipelineError.Transient("parser-timeout", "The parser did not answer in time."), e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw new PipelineErrorException(Classify(response, body));
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                throw new PipelineErrorException(PipelineError.Transient("parser-malformed-response",
                    $"The parser answered {(int)response.StatusCode} with a body that is not JSON."), e);
            }
        }
    }

    private static PipelineError Classify(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var detail = body.Length > 300 ? body[..300] : body;
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => PipelineError.Transient("parser-rate-limited", $"The parser answered 429: {detail}",
                RetryAfterHeader.From(name => Header(response, name), DateTimeOffset.UtcNow)),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                PipelineError.Permanent("parser-unauthorized", $"The parser refused the API key ({status})."),
            HttpStatusCode.RequestTimeout => PipelineError.Transient("parser-timeout", $"The parser answered {status}."),
            _ when status >= 500 => PipelineError.Transient("parser-unavailable", $"The parser answered {status}: {detail}"),
            _ => PipelineError.Permanent("parser-rejected-document", $"The parser rejected the request ({status}): {detail}"),
        };
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static ParserJob ReadJob(JsonElement root)
    {
        if (!root.TryGetProperty("id", out var id) || !root.TryGetProperty("status", out var status))
            throw Malformed("the job has no \"id\" or \"status\"");
        string? error = null;
        foreach (var name in new[] { "error_message", "error", "message" })
        {
            if (root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String) { error = e.GetString(); break; }
        }
        var code = root.TryGetProperty("error_code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new ParserJob(id.ToString(), status.GetString() ?? "", error, code);
    }

    private static PipelineErrorException Malformed(string what) =>
        new(PipelineError.Transient("parser-malformed-response", $"The parser's answer is malformed: {what}."));

    private static string MimeFor(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".txt" => "text/plain",
        ".md" => "text/markdown",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };
}
