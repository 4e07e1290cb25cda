namespace Pipeline.Core.Options;

/// <summary>Section <c>Pipeline</c>: settings shared by the api-server and the workers.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";
    public const string ConnectionStringName = "Pipeline";

    /// <summary><c>Pipeline__StorageRoot</c>: folder holding uploaded and parsed files.</summary>
    public string StorageRoot { get; set; } = Path.Combine(Path.GetTempPath(), "pipeline-storage");
}
