using System.Text.RegularExpressions;
using Pipeline.Contract;

namespace Pipeline.Core.Chunking;

/// <summary>
/// The part of a document's text the chunker still needs: its characters, cl100k tokens and the
/// paragraph and sentence boundaries in it, all by their position in the whole document. Segments
/// (<see cref="TextSegments"/>) are appended at the end; what lies before the next chunk's first token is
/// dropped, so the window holds about one chunk and one segment whatever the document's length.
/// </summary>
internal sealed class TokenWindow(Regex paragraphBreak, Regex sentenceEnd)
{
    private readonly List<(int Start, int End)> _tokens = [];
    private readonly HashSet<int> _paragraphEnds = [];
    private readonly HashSet<int> _sentenceEnds = [];
    private string _text = "";
    private int _textStart;   // document position of _text[0]
    private int _firstToken;  // document-wide index of _tokens[0]

    /// <summary>How many tokens the document has up to the end of the appended text.</summary>
    public int TokenEnd => _firstToken + _tokens.Count;

    public int TextLength => _textStart + _text.Length;

    public void Append(string segment)
    {
        var offset = TextLength;
        foreach (var token in Cl100k.Tokenizer.EncodeToTokens(segment, out _))
            _tokens.Add((offset + token.Offset.Start.GetOffset(segment.Length), offset + token.Offset.End.GetOffset(segment.Length)));
        AddBoundaries(paragraphBreak, segment, offset, _paragraphEnds, includeMatchStart: true);
        AddBoundaries(sentenceEnd, segment, offset, _sentenceEnds, includeMatchStart: false);
        _text = _text.Length == 0 ? segment : string.Concat(_text, segment);
    }

    /// <summary>Document position where token <paramref name="index"/> starts / ends.</summary>
    public int StartOf(int index) => _tokens[index - _firstToken].Start;

    public int EndOf(int index) => _tokens[index - _firstToken].End;

    public bool IsParagraphEnd(int position) => _paragraphEnds.Contains(position);

    public bool IsSentenceEnd(int position) => _sentenceEnds.Contains(position);

    /// <summary>The document's text from <paramref name="from"/> to <paramref name="to"/>, both within the window.</summary>
    public string Text(int from, int to) => _text[(from - _textStart)..(to - _textStart)];

    /// <summary>Forgets every token before <paramref name="index"/> and the text and boundaries before it.</summary>
    public void DropBefore(int index)
    {
        var drop = index - _firstToken;
        if (drop <= 0 || drop >= _tokens.Count) return;
        var newStart = _tokens[drop].Start;
        _tokens.RemoveRange(0, drop);
        _firstToken = index;
        _text = _text[(newStart - _textStart)..];
        _textStart = newStart;
        _paragraphEnds.RemoveWhere(p => p < newStart);
        _sentenceEnds.RemoveWhere(p => p < newStart);
    }

    private static void AddBoundaries(Regex pattern, string segment, int offset, HashSet<int> positions, bool includeMatchStart)
    {
        foreach (Match match in pattern.Matches(segment))
        {
            if (includeMatchStart) positions.Add(offset + match.Index);
            positions.Add(offset + match.Index + match.Length);
        }
    }
}
