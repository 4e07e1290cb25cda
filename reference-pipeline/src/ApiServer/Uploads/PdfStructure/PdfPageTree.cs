namespace ApiServer.Uploads.PdfStructure;

/// <summary>What the page tree says about a document: encrypted (pages unknown) or its number of pages.</summary>
public sealed record PdfOutline(bool IsEncrypted, int Pages);

/// <summary>
/// Counts a PDF's pages by walking its page tree (trailer → /Root → /Pages → /Kids …) one node at a time and
/// counting the leaves, so the count is the pages a reader finds, whatever /Count claims. Memory does not grow with
/// the document beyond the object location table and one bit per page-tree node visited.
/// </summary>
public static class PdfPageTree
{
    /// <summary>A tree deeper than this is not a page tree; balanced trees of millions of pages are 10 levels deep.</summary>
    public const int MaxDepth = 256;

    /// <param name="file">A seekable stream; read in small windows, never whole.</param>
    /// <exception cref="MalformedPdfException">The file is not a readable PDF, even with its cross-reference rebuilt.</exception>
    public static PdfOutline Read(Stream file)
    {
        try
        {
            return Read(PdfObjects.FromCrossReference(file));
        }
        catch (MalformedPdfException)
        {
            // Damaged or stale cross-references are common in files that open everywhere; rebuild them once.
            return Read(PdfObjects.Reconstructed(file));
        }
    }

    private static PdfOutline Read(PdfObjects objects)
    {
        if (objects.Trailer.Has("Encrypt")) return new PdfOutline(IsEncrypted: true, Pages: 0);
        var catalog = objects.Resolve(objects.Trailer["Root"]!) as PdfDictionary
                      ?? throw new MalformedPdfException("the document catalog is not a dictionary");
        var root = catalog["Pages"] as PdfReference? ?? throw new MalformedPdfException("the document has no page tree");
        return new PdfOutline(IsEncrypted: false, Pages: CountLeaves(objects, root));
    }

    private static int CountLeaves(PdfObjects objects, PdfReference root)
    {
        var visited = new HashSet<int>();
        var pending = new Stack<(PdfReference Node, int Depth)>();
        pending.Push((root, 0));
        var pages = 0;
        while (pending.TryPop(out var next))
        {
            if (!visited.Add(next.Node.Number)) throw new MalformedPdfException("the page tree loops back on itself");
            if (next.Depth > MaxDepth) throw new MalformedPdfException($"the page tree is more than {MaxDepth} levels deep");
            var node = objects.Get(next.Node.Number).Value as PdfDictionary ?? throw new MalformedPdfException("a page tree node is not a dictionary");
            if (node.Name("Type") == "Page" || node["Kids"] is null)
            {
                pages++;
                continue;
            }
            var kids = objects.Resolve(node["Kids"]!) as List<object> ?? throw new MalformedPdfException("a page tree node's /Kids is not an array");
            for (var i = kids.Count - 1; i >= 0; i--)
                pending.Push((kids[i] as PdfReference? ?? throw new MalformedPdfException("a page tree node's kid is not a reference"), next.Depth + 1));
        }
        return pages;
    }
}
