using Acceptance.Support.Configuration;
using Acceptance.Support.Environment;
using MockOpenAi.Embeddings;

namespace Acceptance.Support.Integrity;

/// <summary>
/// The vector a chunk's text should have, recomputed the way the local mock OpenAI computes it
/// (deterministically from the model and the text). Other targets embed with the real service.
/// </summary>
public sealed class ExpectedEmbeddings(IPipelineEnvironment environment, SuiteOptions options)
{
    /// <summary>Null where vectors can be recomputed; otherwise why not.</summary>
    public string? UnavailableBecause => environment.Target == "local"
        ? null
        : "recomputing each chunk's vector needs the local mock's deterministic embeddings; sampled re-embedding on the " +
          "real service within the run's budget is future work";

    public int Dimensions => options.Pipeline.EmbeddingDimensions;

    public float[] Of(string text) => DeterministicEmbedding.Create(options.Pipeline.EmbeddingModel, text, options.Pipeline.EmbeddingDimensions);
}
