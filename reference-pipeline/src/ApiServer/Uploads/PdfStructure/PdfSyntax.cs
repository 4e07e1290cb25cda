using System.Globalization;
using System.Text;

namespace ApiServer.Uploads.PdfStructure;

/// <summary>
/// Reads PDF values (ISO 32000-1, 7.3) from a cursor with fixed limits on nesting, size and count, so a hostile
/// file costs at most a few MB to read however it is built. Strings are skipped, never kept.
/// </summary>
public sealed class PdfSyntax(PdfCursor cursor)
{
    /// <summary>Real documents nest a few levels; a recursive reader must stop long before its stack does.</summary>
    public const int MaxNesting = 64;

    /// <summary>Values in one object: a page tree's widest Kids array is far below it.</summary>
    public const int MaxValuesPerObject = 250_000;

    private const int MaxWordLength = 256;

    private int _valuesLeft;

    public PdfCursor Cursor => cursor;

    /// <summary>One value (or keyword) at the cursor, with a fresh budget of values.</summary>
    public object ReadObject()
    {
        _valuesLeft = MaxValuesPerObject;
        return ReadValue(0);
    }

    public long ReadInteger() =>
        ReadObject() is long value ? value : throw new MalformedPdfException("a number is missing where the structure needs one");

    public void ExpectKeyword(string keyword)
    {
        if (ReadObject() is not PdfKeyword found || found.Value != keyword)
            throw new MalformedPdfException($"the keyword \"{keyword}\" is missing");
    }

    public void SkipWhitespaceAndComments()
    {
        while (true)
        {
            var next = cursor.Peek();
            if (IsWhitespace(next)) cursor.Position++;
            else if (next == '%')
                while (cursor.Peek() is not ('\n' or '\r' or -1)) cursor.Position++;
            else return;
        }
    }

    public static bool IsWhitespace(int b) => b is ' ' or '\n' or '\r' or '\t' or '\f' or 0;

    public static bool IsDelimiter(int b) => b is '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%';

    private object ReadValue(int depth)
    {
        if (depth > MaxNesting) throw new MalformedPdfException($"values are nested more than {MaxNesting} deep");
        if (--_valuesLeft < 0) throw new MalformedPdfException($"an object holds more than {MaxValuesPerObject} values");
        SkipWhitespaceAndComments();
        var next = cursor.Peek();
        switch (next)
        {
            case -1: throw new MalformedPdfException("the file ends inside an object");
            case '/':
                cursor.Position++;
                return new PdfName(ReadWord());
            case '[':
                cursor.Position++;
                return ReadArray(depth);
            case '<':
                cursor.Position++;
                if (cursor.Peek() == '<')
                {
                    cursor.Position++;
                    return ReadDictionary(depth);
                }
                SkipPast('>');
                return PdfString.Skipped;
            case '(':
                cursor.Position++;
                SkipLiteralString();
                return PdfString.Skipped;
            case ']' or '>' or ')' or '{' or '}':
                throw new MalformedPdfException($"an unexpected '{(char)next}' stands where a value belongs");
        }
        if (next is '+' or '-' or '.' || char.IsAsciiDigit((char)next)) return ReadNumberOrReference();
        var word = ReadWord();
        return word switch
        {
            "" => throw new MalformedPdfException($"an unexpected byte 0x{next:X2} stands where a value belongs"),
            "true" => true,
            "false" => false,
            "null" => PdfNull.Value,
            _ => new PdfKeyword(word),
        };
    }

    private List<object> ReadArray(int depth)
    {
        var items = new List<object>();
        while (true)
        {
            SkipWhitespaceAndComments();
            if (cursor.Peek() == ']')
            {
                cursor.Position++;
                return items;
            }
            items.Add(ValueInside(depth, "an array"));
        }
    }

    private PdfDictionary ReadDictionary(int depth)
    {
        var entries = new Dictionary<string, object>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespaceAndComments();
            if (cursor.Peek() == '>')
            {
                cursor.Position++;
                if (cursor.Read() != '>') throw new MalformedPdfException("a dictionary is not closed with >>");
                return new PdfDictionary(entries);
            }
            if (ReadValue(depth + 1) is not PdfName key) throw new MalformedPdfException("a dictionary key is not a name");
            entries[key.Value] = ValueInside(depth, "a dictionary");
        }
    }

    private object ValueInside(int depth, string container)
    {
        var value = ReadValue(depth + 1);
        return value is PdfKeyword keyword
            ? throw new MalformedPdfException($"{container} holds the keyword \"{keyword.Value}\" where a value belongs")
            : value;
    }

    /// <summary>A number, or "n g R" when two non-negative integers are followed by R.</summary>
    private object ReadNumberOrReference()
    {
        var number = ReadNumber();
        if (number is not long first || first < 0 || first > int.MaxValue) return number;
        var afterFirst = cursor.Position;
        SkipWhitespaceAndComments();
        if (char.IsAsciiDigit((char)cursor.Peek()) && ReadNumber() is long second && second <= ushort.MaxValue)
        {
            SkipWhitespaceAndComments();
            if (cursor.Peek() == 'R')
            {
                cursor.Position++;
                var after = cursor.Peek();
                if (after == -1 || IsWhitespace(after) || IsDelimiter(after)) return new PdfReference((int)first, (int)second);
            }
        }
        cursor.Position = afterFirst;
        return first;
    }

    private object ReadNumber()
    {
        var text = ReadWord();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return integer;
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var real))
            return real;
        throw new MalformedPdfException($"\"{text}\" is not a number");
    }

    /// <summary>Regular characters up to the next whitespace or delimiter (a name's or keyword's text).</summary>
    private string ReadWord()
    {
        var word = new StringBuilder();
        while (cursor.Peek() is var next and not -1 && !IsWhitespace(next) && !IsDelimiter(next))
        {
            if (word.Length == MaxWordLength) throw new MalformedPdfException($"a name or keyword is longer than {MaxWordLength} bytes");
            word.Append((char)next);
            cursor.Position++;
        }
        return word.ToString();
    }

    private void SkipPast(char end)
    {
        while (cursor.Read() is var next && next != end)
            if (next == -1) throw new MalformedPdfException("the file ends inside a string");
    }

    /// <summary>Past the ')' that closes a literal string: balanced parentheses nest, a backslash escapes one byte.</summary>
    private void SkipLiteralString()
    {
        var open = 1;
        while (open > 0)
        {
            switch (cursor.Read())
            {
                case -1: throw new MalformedPdfException("the file ends inside a string");
                case '\\': cursor.Read(); break;
                case '(': open++; break;
                case ')': open--; break;
            }
        }
    }
}
