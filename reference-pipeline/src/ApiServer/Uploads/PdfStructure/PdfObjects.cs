namespace ApiServer.Uploads.PdfStructure;

/// <summary>
/// A PDF's objects, read one at a time on demand: the locations come from the cross-reference sections (tables and
/// streams, following /Prev and /XRefStm) or, when those are damaged, from one scan of the file. Memory: the
/// location table, one object stream's data at a time and the object being read.
/// </summary>
public sealed class PdfObjects
{
    private const int MaxCrossReferenceSections = 1024;
    private const int TailWindow = 1024;

    private readonly PdfSyntax _syntax;
    private readonly ObjectLocations _locations = new();
    private (int Number, byte[] Data, long[] Offsets)? _objectStream;

    private PdfObjects(Stream file) => _syntax = new PdfSyntax(new PdfCursor(file));

    /// <summary>The trailer dictionary: /Root, /Encrypt, /Size.</summary>
    public PdfDictionary Trailer { get; private set; } = new(new Dictionary<string, object>());

    private Stream File => _syntax.Cursor.Source;

    /// <summary>Trusts the file's own cross-reference: the offset after the last <c>startxref</c> and the sections it chains to.</summary>
    public static PdfObjects FromCrossReference(Stream file)
    {
        var objects = new PdfObjects(file);
        objects.ReadCrossReferenceChain(objects.StartXref());
        return objects;
    }

    /// <summary>Rebuilds the locations by finding every "n g obj" in the file, as readers do for a damaged file.</summary>
    public static PdfObjects Reconstructed(Stream file)
    {
        var objects = new PdfObjects(file);
        objects.Reconstruct();
        return objects;
    }

    public object Resolve(object value) => value is PdfReference reference ? Get(reference.Number).Value : value;

    public PdfObject Get(int number)
    {
        var location = _locations.Find(number) ?? throw new MalformedPdfException($"object {number} is referenced but not in the file");
        if (!location.IsCompressed)
            return ReadIndirectObjectAt(location.Offset, number) ?? throw new MalformedPdfException($"object {number} is not where the cross-reference says");
        var (_, data, offsets) = LoadObjectStream(location.Stream);
        if (location.Index >= offsets.Length) throw new MalformedPdfException($"object stream {location.Stream} has no object {number}");
        var inside = new PdfSyntax(new PdfCursor(new MemoryStream(data, writable: false)) { Position = offsets[location.Index] });
        return new PdfObject(inside.ReadObject(), null);
    }

    private long StartXref()
    {
        var tail = new byte[(int)Math.Min(TailWindow, File.Length)];
        var read = SeekableBytes.ReadAt(File, File.Length - tail.Length, tail);
        var keyword = tail.AsSpan(0, read).LastIndexOf("startxref"u8);
        if (keyword < 0) throw new MalformedPdfException("the end of the file does not say where the cross-reference is");
        _syntax.Cursor.Position = File.Length - tail.Length + keyword + "startxref".Length;
        return _syntax.ReadInteger();
    }

    private void ReadCrossReferenceChain(long offset)
    {
        var seen = new HashSet<long>();
        var first = true;
        for (long? next = offset; next is { } at; )
        {
            if (!seen.Add(at) || seen.Count > MaxCrossReferenceSections)
                throw new MalformedPdfException("the cross-reference sections refer back to each other");
            var trailer = ReadCrossReferenceSection(at);
            if (first) Trailer = trailer;
            first = false;
            next = trailer.Integer("Prev");
        }
        if (Trailer["Root"] is not PdfReference) throw new MalformedPdfException("the trailer names no document catalog");
    }

    /// <summary>One section, a table with its trailer or a cross-reference stream; returns its trailer dictionary.</summary>
    private PdfDictionary ReadCrossReferenceSection(long offset)
    {
        if (offset < 0 || offset >= File.Length) throw new MalformedPdfException("a cross-reference offset points outside the file");
        _syntax.Cursor.Position = offset;
        _syntax.SkipWhitespaceAndComments();
        var start = _syntax.Cursor.Position;
        if (_syntax.ReadObject() is PdfKeyword { Value: "xref" })
        {
            var trailer = ReadTable();
            // A hybrid file's trailer points to a stream with the objects its table leaves out (7.5.8.4).
            if (trailer.Integer("XRefStm") is { } stream) ReadCrossReferenceStream(ReadIndirectObjectAt(stream, null));
            return trailer;
        }
        return ReadCrossReferenceStream(ReadIndirectObjectAt(start, null));
    }

    private PdfDictionary ReadTable()
    {
        while (true)
        {
            var value = _syntax.ReadObject();
            if (value is PdfKeyword { Value: "trailer" })
                return _syntax.ReadObject() as PdfDictionary ?? throw new MalformedPdfException("the trailer is not a dictionary");
            if (value is not long first || _syntax.ReadObject() is not long count || first < 0 || count < 0 || first + count > ObjectLocations.MaxObjects)
                throw new MalformedPdfException("a cross-reference table is damaged");
            for (var number = first; number < first + count; number++)
            {
                var offset = _syntax.ReadInteger();
                _syntax.ReadInteger();
                var kind = _syntax.ReadObject() as PdfKeyword;
                if (kind?.Value is not ("n" or "f")) throw new MalformedPdfException("a cross-reference entry is damaged");
                if (kind.Value == "n" && offset > 0) _locations.Set((int)number, new ObjectLocation(offset, 0, 0), replace: false);
            }
        }
    }

    private PdfDictionary ReadCrossReferenceStream(PdfObject? xref)
    {
        var dictionary = xref?.Value as PdfDictionary;
        if (dictionary?.Name("Type") != "XRef" || xref!.StreamStart is null) throw new MalformedPdfException("the cross-reference is neither a table nor a stream");
        var widths = dictionary.Array("W")?.Select(width => width is long w and >= 0 and <= 8 ? (int)w : -1).ToArray();
        if (widths is not { Length: 3 } || widths.Contains(-1)) throw new MalformedPdfException("a cross-reference stream's field widths are damaged");
        var size = dictionary.Integer("Size") ?? throw new MalformedPdfException("a cross-reference stream has no /Size");
        var index = dictionary.Array("Index") ?? [0L, size];
        var data = StreamDataOf(xref, dictionary);
        var entryLength = widths.Sum();
        var position = 0;
        for (var range = 0; range + 1 < index.Count; range += 2)
        {
            if (index[range] is not long first || index[range + 1] is not long count || first < 0 || count < 0 || first + count > ObjectLocations.MaxObjects)
                throw new MalformedPdfException("a cross-reference stream's index is damaged");
            for (var number = first; number < first + count && position + entryLength <= data.Length; number++, position += entryLength)
            {
                var type = widths[0] == 0 ? 1 : Field(data, position, widths[0]);
                var second = Field(data, position + widths[0], widths[1]);
                var third = Field(data, position + widths[0] + widths[1], widths[2]);
                if (type == 1 && second > 0) _locations.Set((int)number, new ObjectLocation(second, 0, 0), replace: false);
                if (type == 2 && second is > 0 and <= int.MaxValue && third is >= 0 and <= int.MaxValue)
                    _locations.Set((int)number, new ObjectLocation(0, (int)second, (int)third), replace: false);
            }
        }
        return dictionary;
    }

    private static long Field(byte[] data, int position, int width)
    {
        long value = 0;
        for (var i = 0; i < width; i++) value = (value << 8) | data[position + i];
        return value;
    }

    /// <summary>"n g obj value [stream]" at <paramref name="offset"/>; null when something else stands there.</summary>
    private PdfObject? ReadIndirectObjectAt(long offset, int? expectedNumber)
    {
        if (offset < 0 || offset >= File.Length) return null;
        _syntax.Cursor.Position = offset;
        if (_syntax.ReadObject() is not long number || (expectedNumber is { } expected && number != expected)) return null;
        if (_syntax.ReadObject() is not long || _syntax.ReadObject() is not PdfKeyword { Value: "obj" }) return null;
        var value = _syntax.ReadObject();
        var afterValue = _syntax.Cursor.Position;
        if (value is PdfDictionary && _syntax.ReadObject() is PdfKeyword { Value: "stream" })
        {
            // The keyword is followed by CRLF or LF (7.3.8.1); a lone CR is tolerated as readers do.
            if (_syntax.Cursor.Peek() == '\r') _syntax.Cursor.Position++;
            if (_syntax.Cursor.Peek() == '\n') _syntax.Cursor.Position++;
            return new PdfObject(value, _syntax.Cursor.Position);
        }
        _syntax.Cursor.Position = afterValue;
        return new PdfObject(value, null);
    }

    private byte[] StreamDataOf(PdfObject stream, PdfDictionary dictionary)
    {
        var start = stream.StreamStart!.Value;
        // When /Length lies or cannot be read without this very stream, the data ends where "endstream" begins.
        var length = DeclaredLength(dictionary) is { } declared && declared >= 0 && start + declared <= File.Length && EndstreamFollows(start + declared)
            ? declared
            : SeekableBytes.IndexOf(File, "endstream"u8, start, SeekableBytes.NewWindow()) is var end and >= 0
                ? end - start
                : throw new MalformedPdfException("a stream has no end");
        return StreamData.Decode(File, start, length, dictionary);
    }

    /// <summary>
    /// /Length, direct or in an object at a file offset; one inside an object stream is not followed, since the
    /// stream being read may be that very object stream.
    /// </summary>
    private long? DeclaredLength(PdfDictionary dictionary) => dictionary["Length"] switch
    {
        long direct => direct,
        PdfReference reference when _locations.Find(reference.Number) is { IsCompressed: false } location =>
            ReadIndirectObjectAt(location.Offset, reference.Number)?.Value as long?,
        _ => null,
    };

    private bool EndstreamFollows(long position)
    {
        _syntax.Cursor.Position = position;
        _syntax.SkipWhitespaceAndComments();
        Span<byte> keyword = stackalloc byte["endstream".Length];
        return SeekableBytes.ReadAt(File, _syntax.Cursor.Position, keyword) == keyword.Length && keyword.SequenceEqual("endstream"u8);
    }

    private (int Number, byte[] Data, long[] Offsets) LoadObjectStream(int number)
    {
        if (_objectStream is { } cached && cached.Number == number) return cached;
        // An object stream inside an object stream (forbidden, 7.5.7) would make this recursion endless.
        if (_locations.Find(number) is not { IsCompressed: false }) throw new MalformedPdfException($"object stream {number} is not stored at a file offset");
        var stream = Get(number);
        var dictionary = stream.Dictionary;
        if (dictionary.Name("Type") != "ObjStm" || stream.StreamStart is null) throw new MalformedPdfException($"object {number} is not an object stream");
        var count = dictionary.Integer("N") ?? -1;
        var first = dictionary.Integer("First") ?? -1;
        if (count is < 0 or > 0xFFFFFF || first < 0) throw new MalformedPdfException($"object stream {number}'s header is damaged");
        var data = StreamDataOf(stream, dictionary);
        var header = new PdfSyntax(new PdfCursor(new MemoryStream(data, writable: false)));
        var offsets = new long[count];
        for (var i = 0; i < count; i++)
        {
            header.ReadInteger();
            offsets[i] = first + header.ReadInteger();
            if (offsets[i] >= data.Length) throw new MalformedPdfException($"object stream {number} points past its own data");
        }
        _objectStream = (number, data, offsets);
        return _objectStream.Value;
    }

    private void Reconstruct()
    {
        var window = SeekableBytes.NewWindow();
        for (var at = SeekableBytes.IndexOf(File, "obj"u8, 0, window); at >= 0; at = SeekableBytes.IndexOf(File, "obj"u8, at + 3, window))
            if (ObjectHeaderBefore(at) is { } header) _locations.Set(header.Number, new ObjectLocation(header.Start, 0, 0), replace: true);

        Trailer = LastTrailer(window) ?? new PdfDictionary(new Dictionary<string, object>());
        foreach (var number in _locations.Numbers().ToList())
        {
            PdfObject found;
            try
            {
                found = Get(number);
            }
            catch (MalformedPdfException)
            {
                continue; // One damaged object does not stop the others from being found.
            }
            if (found.Value is not PdfDictionary dictionary) continue;
            if (dictionary.Name("Type") == "Catalog" && Trailer["Root"] is not PdfReference)
                Trailer = new PdfDictionary(new Dictionary<string, object> { ["Root"] = new PdfReference(number, 0) });
            if (dictionary.Name("Type") == "ObjStm") RegisterObjectStream(number);
        }
        if (Trailer["Root"] is not PdfReference) throw new MalformedPdfException("no document catalog is found in the file");
    }

    private void RegisterObjectStream(int number)
    {
        try
        {
            var (_, data, offsets) = LoadObjectStream(number);
            var header = new PdfSyntax(new PdfCursor(new MemoryStream(data, writable: false)));
            for (var i = 0; i < offsets.Length; i++)
            {
                var contained = header.ReadInteger();
                header.ReadInteger();
                if (contained is > 0 and < ObjectLocations.MaxObjects) _locations.Set((int)contained, new ObjectLocation(0, number, i), replace: false);
            }
        }
        catch (MalformedPdfException)
        {
            // A damaged object stream hides its objects; the walk reports them missing if the pages need them.
        }
    }

    private PdfDictionary? LastTrailer(byte[] window)
    {
        long last = -1;
        for (var at = SeekableBytes.IndexOf(File, "trailer"u8, 0, window); at >= 0; at = SeekableBytes.IndexOf(File, "trailer"u8, at + 7, window))
            last = at;
        if (last < 0) return null;
        _syntax.Cursor.Position = last + "trailer".Length;
        try
        {
            return _syntax.ReadObject() as PdfDictionary;
        }
        catch (MalformedPdfException)
        {
            return null;
        }
    }

    /// <summary>The "n g " before an "obj" keyword at <paramref name="keyword"/>, with where it starts.</summary>
    private (int Number, long Start)? ObjectHeaderBefore(long keyword)
    {
        Span<byte> after = stackalloc byte[1];
        if (SeekableBytes.ReadAt(File, keyword + 3, after) == 1 && !PdfSyntax.IsWhitespace(after[0]) && !PdfSyntax.IsDelimiter(after[0])) return null;
        var lookBack = (int)Math.Min(keyword, 32);
        Span<byte> before = stackalloc byte[lookBack];
        if (SeekableBytes.ReadAt(File, keyword - lookBack, before) != lookBack) return null;
        var i = lookBack;
        if (!SkipBack(before, ref i, PdfSyntax.IsWhitespace) || !SkipBack(before, ref i, b => char.IsAsciiDigit((char)b))) return null;
        if (!SkipBack(before, ref i, PdfSyntax.IsWhitespace)) return null;
        var numberEnd = i;
        if (!SkipBack(before, ref i, b => char.IsAsciiDigit((char)b))) return null;
        if (i > 0 && !PdfSyntax.IsWhitespace(before[i - 1]) && !PdfSyntax.IsDelimiter(before[i - 1])) return null;
        return int.TryParse(before[i..numberEnd], out var number) && number < ObjectLocations.MaxObjects
            ? (number, keyword - lookBack + i)
            : null;
    }

    /// <summary>Moves <paramref name="i"/> back over bytes matching <paramref name="matches"/>; false when none did.</summary>
    private static bool SkipBack(ReadOnlySpan<byte> bytes, ref int i, Func<int, bool> matches)
    {
        var start = i;
        while (i > 0 && matches(bytes[i - 1])) i--;
        return i < start;
    }
}
