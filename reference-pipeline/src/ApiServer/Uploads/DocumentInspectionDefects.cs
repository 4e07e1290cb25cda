using ApiServer.Http;
using Pipeline.Core.Defects;

namespace ApiServer.Uploads;

/// <summary>
/// Test-only defects in how an upload is judged, chosen at registration so the upload path never checks for them.
/// <list type="bullet">
/// <item>accept-encrypted-documents: a password-protected PDF is accepted (its page count unknown)
/// instead of refused with encrypted-document, as an inspector that forgot the check would.</item>
/// </list>
/// </summary>
public static class DocumentInspectionDefects
{
    public static IDocumentInspection Inspection(IServiceProvider services) =>
        services.GetRequiredService<PipelineDefects>().IsOn(PipelineDefects.AcceptEncryptedDocuments)
            ? new AcceptsEncrypted(new PdfInspection())
            : new PdfInspection();

    private sealed class AcceptsEncrypted(IDocumentInspection inner) : IDocumentInspection
    {
        public (PdfFacts? Facts, UploadRejection? Rejection) Inspect(Stream content)
        {
            var (facts, rejection) = inner.Inspect(content);
            return rejection?.Key == ErrorKeys.EncryptedDocument ? (new PdfFacts(PageCount: null), null) : (facts, rejection);
        }
    }
}
