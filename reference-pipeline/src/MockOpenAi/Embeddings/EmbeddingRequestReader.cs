using System.Text.Json;

namespace MockOpenAi.Embeddings;

/// <summary>Reads and validates an embeddings request body with OpenAI's limits and messages.</summary>
internal sealed class EmbeddingRequestReader(TokenCounter tokens)
{
    public const int MaxInputs = 2048;
    public const int MaxTokensPerRequest = 300_000;

    public (EmbeddingRequest? Request, OpenAiError? Error) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Fail(OpenAiError.InvalidRequest("The request body must be a JSON object."));
        }

        if (!body.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String)
        {
            return Fail(OpenAiError.InvalidRequest("you must provide a model parameter"));
        }

        var modelName = modelElement.GetString()!;
        var model = EmbeddingModels.Find(modelName);
        if (model is null)
        {
            return Fail(OpenAiError.ModelNotFound(modelName));
        }

        var (base64, formatError) = ReadEncodingFormat(body);
        if (formatError is not null)
        {
            return Fail(formatError);
        }

        var (dimensions, dimensionsError) = ReadDimensions(body, model);
        if (dimensionsError is not null)
        {
            return Fail(dimensionsError);
        }

        if (!body.TryGetProperty("input", out var inputElement))
        {
            return Fail(OpenAiError.InvalidRequest("'input' is a required property", param: "input"));
        }

        var (inputs, inputError) = ReadInputs(inputElement, model);
        if (inputError is not null)
        {
            return Fail(inputError);
        }

        return (new EmbeddingRequest(model, inputs!, base64, dimensions), null);
    }

    private static (bool Base64, OpenAiError? Error) ReadEncodingFormat(JsonElement body)
    {
        if (!body.TryGetProperty("encoding_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return (false, null);
        }

        var value = format.ValueKind == JsonValueKind.String ? format.GetString() : null;
        return value switch
        {
            "float" => (false, null),
            "base64" => (true, null),
            _ => (false, BadEncodingFormat()),
        };
    }

    private static OpenAiError BadEncodingFormat() => OpenAiError.InvalidRequest(
        "Invalid value for 'encoding_format': expected one of 'float' or 'base64'.", param: "encoding_format", code: "invalid_value");

    private static (int Dimensions, OpenAiError? Error) ReadDimensions(JsonElement body, EmbeddingModel model)
    {
        if (!body.TryGetProperty("dimensions", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (model.Dimensions, null);
        }

        if (!model.AcceptsDimensionsParameter)
        {
            return (0, OpenAiError.InvalidRequest("This model does not support specifying dimensions.", param: "dimensions"));
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var dimensions) || dimensions < 1 || dimensions > model.Dimensions)
        {
            return (0, OpenAiError.InvalidRequest(
                $"Invalid value for 'dimensions': must be an integer between 1 and {model.Dimensions} for {model.Name}.",
                param: "dimensions",
                code: "invalid_value"));
        }

        return (dimensions, null);
    }

    private (IReadOnlyList<EmbeddingInput>? Inputs, OpenAiError? Error) ReadInputs(JsonElement input, EmbeddingModel model)
    {
        var texts = new List<string>();
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                texts.Add(input.GetString()!);
                break;
            case JsonValueKind.Array when input.GetArrayLength() == 0:
                return (null, OpenAiError.InvalidInput());
            case JsonValueKind.Array when input.GetArrayLength() > MaxInputs:
                return (null, OpenAiError.InvalidRequest(
                    $"Too many inputs. The max number of inputs is {MaxInputs}. We received {input.GetArrayLength()}.",
                    param: "input"));
            case JsonValueKind.Array when input[0].ValueKind == JsonValueKind.Number:
                // A single input given as token ids.
                var single = DecodeTokenArray(input);
                if (single is null)
                {
                    return (null, OpenAiError.InvalidInput());
                }

                texts.Add(single);
                break;
            case JsonValueKind.Array:
                foreach (var item in input.EnumerateArray())
                {
                    var text = item.ValueKind switch
                    {
                        JsonValueKind.String => item.GetString(),
                        JsonValueKind.Array => DecodeTokenArray(item),
                        _ => null,
                    };
                    if (text is null)
                    {
                        return (null, OpenAiError.InvalidInput());
                    }

                    texts.Add(text);
                }

                break;
            default:
                return (null, OpenAiError.InvalidInput());
        }

        return CountTokens(texts, model.MaxInputTokens);
    }

    private (IReadOnlyList<EmbeddingInput>? Inputs, OpenAiError? Error) CountTokens(List<string> texts, int maxTokensPerInput)
    {
        var inputs = new List<EmbeddingInput>(texts.Count);
        var total = 0;
        foreach (var text in texts)
        {
            if (text.Length == 0)
            {
                return (null, OpenAiError.InvalidInput());
            }

            var count = tokens.Count(text);
            if (count > maxTokensPerInput)
            {
                // param and code are both null on this 400 (microsoft/PubSec-Info-Assistant#755 shows the body).
                return (null, OpenAiError.InvalidRequest(
                    $"This model's maximum context length is {maxTokensPerInput} tokens, however you requested {count} tokens ({count} in your prompt; 0 for the completion). Please reduce your prompt; or completion length."));
            }

            total += count;
            inputs.Add(new EmbeddingInput(text, count));
        }

        if (total > MaxTokensPerRequest)
        {
            return (null, new OpenAiError(
                StatusCodes.Status400BadRequest,
                $"Requested {total} tokens, max {MaxTokensPerRequest} tokens per request",
                "max_tokens_per_request",
                null,
                "max_tokens_per_request"));
        }

        return (inputs, null);
    }

    private string? DecodeTokenArray(JsonElement array)
    {
        if (array.GetArrayLength() == 0)
        {
            return null;
        }

        var ids = new List<int>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var id) || id < 0)
            {
                return null;
            }

            ids.Add(id);
        }

        return tokens.Decode(ids);
    }

    private static (EmbeddingRequest?, OpenAiError?) Fail(OpenAiError error) => (null, error);
}
