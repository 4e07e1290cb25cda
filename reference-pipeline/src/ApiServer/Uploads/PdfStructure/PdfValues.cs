namespace ApiServer.Uploads.PdfStructure;

// The few PDF values the page counter needs. Numbers are long or double, booleans bool, arrays List<object>;
// strings are skipped while reading (nothing here needs their text) and stand as PdfString.Skipped.

public readonly record struct PdfReference(int Number, int Generation);

public sealed record PdfName(string Value);

/// <summary>A bare word outside a value: obj, endobj, stream, xref, trailer, R, n, f.</summary>
public sealed record PdfKeyword(string Value);

public sealed class PdfString
{
    public static readonly PdfString Skipped = new();
    private PdfString() { }
}

public sealed class PdfNull
{
    public static readonly PdfNull Value = new();
    private PdfNull() { }
}

public sealed class PdfDictionary(Dictionary<string, object> entries)
{
    public object? this[string key] => entries.GetValueOrDefault(key);

    public bool Has(string key) => entries.ContainsKey(key);

    public string? Name(string key) => (this[key] as PdfName)?.Value;

    public long? Integer(string key) => this[key] as long?;

    public List<object>? Array(string key) => this[key] as List<object>;
}

/// <summary>An indirect object: its value and, for a stream, where its data starts in the file.</summary>
public sealed record PdfObject(object Value, long? StreamStart)
{
    public PdfDictionary Dictionary => Value as PdfDictionary ?? throw new MalformedPdfException("an object that must be a dictionary is not one");
}
