using System.Text;

namespace Acceptance.Support.Drivers.Hostile;

/// <summary>A multipart/form-data body written byte by byte, so it can be as wrong as a test needs.</summary>
public sealed class MultipartBody(string boundary = "sweep-boundary-7f3c")
{
    private readonly MemoryStream _body = new();

    public string Boundary => boundary;
    public string ContentType => $"multipart/form-data; boundary={boundary}";

    /// <summary>A part with raw header lines (e.g. a Content-Disposition with a NUL in the file name).</summary>
    public MultipartBody Part(byte[] content, params string[] headers)
    {
        Write($"--{boundary}\r\n");
        foreach (var header in headers) Write(header + "\r\n");
        Write("\r\n");
        _body.Write(content);
        Write("\r\n");
        return this;
    }

    public MultipartBody File(byte[] content, string fileName, string contentType = "application/pdf") =>
        Part(content, $"Content-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"", $"Content-Type: {contentType}");

    public byte[] Close()
    {
        Write($"--{boundary}--\r\n");
        return _body.ToArray();
    }

    /// <summary>The body without its closing boundary: what a client that died mid-upload sent.</summary>
    public byte[] Unclosed() => _body.ToArray();

    private void Write(string text) => _body.Write(Encoding.UTF8.GetBytes(text));
}
