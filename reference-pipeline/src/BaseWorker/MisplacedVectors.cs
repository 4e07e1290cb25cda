using System.Text.Json.Nodes;
using Pipeline.Core.Defects;

namespace BaseWorker;

/// <summary>
/// Test-only: the <c>misplaced-vectors</c> defect. Between OpenAI and the SDK, each embeddings answer's
/// vectors move one place along (the first input gets the last input's vector), as a batch answered
/// for another batch of the same size would be: counts, dimensions and unit length all stay right,
/// only the pairing of vector and chunk is wrong. Chosen by <see cref="ProviderTransportDefects"/>.
/// </summary>
internal static class MisplacedVectors
{
    /// <summary>The rotating handler in front of <paramref name="inner"/>.</summary>
    public static HttpMessageHandler Over(HttpMessageHandler inner) => new RotatingHandler { InnerHandler = inner };

    private sealed class RotatingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode || request.RequestUri?.AbsolutePath.EndsWith("/embeddings", StringComparison.Ordinal) != true)
                return response;
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            if (answer["data"] is JsonArray { Count: > 1 } data)
            {
                var vectors = data.Select(item => item!["embedding"]!.DeepClone()).ToList();
                for (var i = 0; i < data.Count; i++)
                    data[i]!["embedding"] = vectors[(i + data.Count - 1) % data.Count];
            }
            var headers = response.Content.Headers.ContentType;
            response.Content = new StringContent(answer.ToJsonString());
            response.Content.Headers.ContentType = headers;
            return response;
        }
    }
}
