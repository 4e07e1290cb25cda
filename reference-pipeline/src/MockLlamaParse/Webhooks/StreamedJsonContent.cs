using System.Net;
using System.Net.Http.Headers;

namespace MockLlamaParse.Webhooks;

/// <summary>A JSON request body written to the connection as it is sent (chunked), never held whole.</summary>
public sealed class StreamedJsonContent : HttpContent
{
    private readonly Func<Stream, Task> _write;

    public StreamedJsonContent(Func<Stream, Task> write)
    {
        _write = write;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _write(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
