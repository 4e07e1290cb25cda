namespace ApiServer.Uploads.PdfStructure;

/// <summary>Where an object is: at a file offset, or the <c>Index</c>-th object inside object stream <c>Stream</c>.</summary>
public readonly record struct ObjectLocation(long Offset, int Stream, int Index)
{
    public bool IsCompressed => Stream > 0;
}

/// <summary>
/// Object number → location, eight bytes per object number (R's 2,415-page reference manual has 59,471: 465 KB),
/// never more than <see cref="MaxObjects"/> of them.
/// </summary>
public sealed class ObjectLocations
{
    public const int MaxObjects = 1 << 21;

    // 0: unknown; > 0: file offset + 1; < 0: -(stream << 24 | index) - 1.
    private long[] _entries = new long[1024];

    public ObjectLocation? Find(int number)
    {
        var entry = number >= 0 && number < _entries.Length ? _entries[number] : 0;
        if (entry == 0) return null;
        if (entry > 0) return new ObjectLocation(entry - 1, 0, 0);
        var packed = -(entry + 1);
        return new ObjectLocation(0, (int)(packed >> 24), (int)(packed & 0xFFFFFF));
    }

    /// <summary>Records a location; an older cross-reference section never overrides a newer one (<paramref name="replace"/> false).</summary>
    public void Set(int number, ObjectLocation location, bool replace)
    {
        if (number is < 0 or >= MaxObjects) throw new MalformedPdfException($"an object number is outside 0–{MaxObjects - 1}");
        if (location.IsCompressed && location.Index > 0xFFFFFF) throw new MalformedPdfException("an object stream holds too many objects");
        if (number >= _entries.Length) Array.Resize(ref _entries, Math.Min(MaxObjects, Math.Max(number + 1, _entries.Length * 2)));
        if (_entries[number] != 0 && !replace) return;
        _entries[number] = location.IsCompressed ? -(((long)location.Stream << 24) | (uint)location.Index) - 1 : location.Offset + 1;
    }

    public IEnumerable<int> Numbers()
    {
        for (var number = 0; number < _entries.Length; number++)
            if (_entries[number] != 0) yield return number;
    }
}
