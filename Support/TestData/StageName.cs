namespace Acceptance.Support.TestData;

/// <summary>One of the nine pipeline stages, as scenarios name it ("chunking").</summary>
public sealed record StageName(string Value)
{
    public const string Pattern = @"""(job_validated|parsing|parsed|parse_validated|chunking|chunks_buffered|embedding|embeddings_buffered|embedded)""";
}
