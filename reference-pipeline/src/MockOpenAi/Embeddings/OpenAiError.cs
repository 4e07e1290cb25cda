using System.Text.Encodings.Web;
using System.Text.Json;

namespace MockOpenAi.Embeddings;

/// <summary>An error as OpenAI returns it: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record OpenAiError(int Status, string Message, string Type, string? Param, string? Code)
{
    public static readonly JsonSerializerOptions WireJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // OpenAI writes apostrophes and backticks as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IResult ToResult() =>
        Results.Json(new { error = new { message = Message, type = Type, param = Param, code = Code } }, WireJson, statusCode: Status);

    public static OpenAiError InvalidRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, message, "invalid_request_error", param, code);

    public static OpenAiError InvalidInput() => InvalidRequest(
        "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.");

    public static OpenAiError InvalidApiKey(string? key) => new(
        StatusCodes.Status401Unauthorized,
        key is null
            ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys."
            : $"Incorrect API key provided: {Redact(key)}. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        null,
        "invalid_api_key");

    public static OpenAiError ModelNotFound(string model) => new(
        StatusCodes.Status404NotFound,
        $"The model `{model}` does not exist or you do not have access to it.",
        "invalid_request_error",
        null,
        "model_not_found");

    /// <summary>
    /// A route OpenAI does not serve, e.g. a base URL with a proxy's path prefix: 404 "Invalid URL (POST /path)",
    /// type invalid_request_error, param and code null (the answer quoted in stackoverflow.com/questions/75882988).
    /// </summary>
    public static OpenAiError InvalidUrl(string method, string path) =>
        new(StatusCodes.Status404NotFound, $"Invalid URL ({method} {path})", "invalid_request_error", null, null);

    // OpenAI shows only the key's first and last characters; never echo a secret.
    private static string Redact(string key) =>
        key.Length <= 8 ? "sk-***" : $"{key[..3]}***{key[^4..]}";
}
