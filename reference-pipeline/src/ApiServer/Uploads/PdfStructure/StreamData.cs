using System.IO.Compression;

namespace ApiServer.Uploads.PdfStructure;

/// <summary>
/// The decoded data of a structural stream (a cross-reference or object stream): Flate with the PNG predictors
/// writers use for them, never more than <see cref="MaxDecodedBytes"/>.
/// </summary>
public static class StreamData
{
    /// <summary>The largest cross-reference or object stream accepted; real ones hold a few hundred KB.</summary>
    public const int MaxDecodedBytes = 32 * 1024 * 1024;

    public static byte[] Decode(Stream file, long start, long length, PdfDictionary dictionary)
    {
        var raw = new StreamSlice(file, start, length);
        var filter = dictionary["Filter"] switch
        {
            null => null,
            PdfName name => name.Value,
            List<object> { Count: 1 } filters when filters[0] is PdfName only => only.Value,
            _ => throw new MalformedPdfException("a structural stream has a filter chain this reader does not decode"),
        };
        var decoded = filter switch
        {
            null => ReadBounded(raw),
            "FlateDecode" => Inflate(raw),
            _ => throw new MalformedPdfException($"a structural stream is encoded with {filter}, which this reader does not decode"),
        };
        var parameters = dictionary["DecodeParms"] switch
        {
            PdfDictionary single => single,
            List<object> { Count: 1 } list => list[0] as PdfDictionary,
            _ => null,
        };
        var predictor = parameters?.Integer("Predictor") ?? 1;
        if (predictor == 1) return decoded;
        if (predictor < 10) throw new MalformedPdfException($"a structural stream uses predictor {predictor}, which this reader does not undo");
        var bytesPerPixel = (int)Math.Clamp((parameters!.Integer("Colors") ?? 1) * (parameters.Integer("BitsPerComponent") ?? 8) / 8, 1, 16);
        var columns = parameters.Integer("Columns") ?? 1;
        if (columns is < 1 or > 1_000_000) throw new MalformedPdfException("a structural stream's predictor has an impossible column count");
        return UndoPng(decoded, (int)columns * bytesPerPixel, bytesPerPixel);
    }

    private static byte[] Inflate(Stream raw)
    {
        try
        {
            using var inflater = new ZLibStream(raw, CompressionMode.Decompress);
            return ReadBounded(inflater);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // zlib reports damaged data as either; the cause is the uploaded bytes.
            throw new MalformedPdfException("a structural stream's compressed data is damaged");
        }
    }

    private static byte[] ReadBounded(Stream data)
    {
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = data.Read(buffer)) > 0)
        {
            if (output.Length + read > MaxDecodedBytes)
                throw new MalformedPdfException($"a structural stream expands beyond {MaxDecodedBytes / (1024 * 1024)} MB");
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }

    /// <summary>PNG row filters (RFC 2083, 6): each row starts with its filter type; "up" is the usual one.</summary>
    private static byte[] UndoPng(byte[] data, int rowLength, int bytesPerPixel)
    {
        var rows = data.Length / (rowLength + 1);
        var output = new byte[rows * rowLength];
        for (var row = 0; row < rows; row++)
        {
            var filter = data[row * (rowLength + 1)];
            var input = data.AsSpan(row * (rowLength + 1) + 1, rowLength);
            var current = output.AsSpan(row * rowLength, rowLength);
            var above = row == 0 ? new byte[rowLength] : output.AsSpan((row - 1) * rowLength, rowLength);
            for (var i = 0; i < rowLength; i++)
            {
                int left = i >= bytesPerPixel ? current[i - bytesPerPixel] : 0;
                int up = above[i];
                int upperLeft = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
                current[i] = (byte)(input[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upperLeft),
                    _ => throw new MalformedPdfException($"a structural stream has PNG row filter {filter}, which does not exist"),
                });
            }
        }
        return output;
    }

    private static int Paeth(int left, int up, int upperLeft)
    {
        var estimate = left + up - upperLeft;
        var (toLeft, toUp, toUpperLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upperLeft));
        return toLeft <= toUp && toLeft <= toUpperLeft ? left : toUp <= toUpperLeft ? up : upperLeft;
    }
}
