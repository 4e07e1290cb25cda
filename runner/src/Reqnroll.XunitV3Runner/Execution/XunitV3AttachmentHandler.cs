using Reqnroll.Formatters.PayloadProcessing;
using Reqnroll.Infrastructure;
using Reqnroll.Tracing;
using Xunit;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>Attaches files added through <see cref="IReqnrollOutputHelper.AddAttachment"/> to the xUnit test result too.</summary>
internal sealed class XunitV3AttachmentHandler(ITraceListener traceListener) : IReqnrollAttachmentHandler
{
    public void AddAttachment(string filePath)
    {
        var context = TestContext.Current;
        if (context.Test is null || !File.Exists(filePath))
        {
            traceListener.WriteToolOutput($"Attachment '{filePath}' added (no running xUnit test to attach it to).");
            return;
        }
        var content = File.ReadAllBytes(filePath);
        string name;
        // A step may attach from several tasks at once (one wait per document): choosing a free name and adding
        // under it must be one step, or two attachments pick the same name and xUnit refuses the second.
        lock (context)
        {
            name = Path.GetFileName(filePath);
            var existing = context.Attachments?.Keys ?? [];
            for (var n = 2; existing.Contains(name); n++)
                name = $"{Path.GetFileNameWithoutExtension(filePath)}-{n}{Path.GetExtension(filePath)}";
            context.AddAttachment(name, content, FileExtensionToMimeTypeMap.GetMimeType(Path.GetExtension(filePath)));
        }
        traceListener.WriteToolOutput($"Attachment '{name}' added.");
    }
}
