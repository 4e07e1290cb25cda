namespace ApiServer.Uploads;

/// <summary>Judges an uploaded file by its content: the facts of a document the pipeline can take, or why it cannot.</summary>
public interface IDocumentInspection
{
    (PdfFacts? Facts, UploadRejection? Rejection) Inspect(Stream content);
}

/// <summary>The production inspection: <see cref="PdfInspector"/>.</summary>
public sealed class PdfInspection : IDocumentInspection
{
    public (PdfFacts? Facts, UploadRejection? Rejection) Inspect(Stream content) => PdfInspector.Inspect(content);
}
