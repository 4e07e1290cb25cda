using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;

namespace Acceptance.Support.Integrity;

/// <summary>
/// The vector a chunk's text should have, recomputed the way the local mock OpenAI computes it
/// (deterministically from the model and the text). Other targets embed with the real service.
/// </summary>
public sealed class ExpectedEmbeddings(IPipelineEnvironment environment, SuiteOptions options)
{
    /// <summary>Null where vectors can be recomputed; otherwise why not.</summary>
    public string? UnavailableBecause => WorkersUseTheLocalMock
        ? null
        : "recomputing each chunk's vector needs the bundled mock's deterministic embeddings (a sample embedded again by " +
          "the service is checked where the suite holds its key: Acceptance:External:ProviderKeys:OpenAi)";

    public int Dimensions => options.Pipeline.EmbeddingDimensions;

    public float[] Of(string text) => DeterministicEmbedding.Create(options.Pipeline.EmbeddingModel, text, options.Pipeline.EmbeddingDimensions);

    /// <summary>
    /// The workers embed with the bundled mock: the local target's unless real-API mode pointed them at OpenAI itself, an
    /// external one's when its settings name the mocks and the key its workers call the mock with.
    /// </summary>
    private bool WorkersUseTheLocalMock =>
        environment.Mocks is { } mocks && environment.Embeddings is { } service &&
        Uri.Compare(service.BaseUrl, mocks.OpenAi, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
