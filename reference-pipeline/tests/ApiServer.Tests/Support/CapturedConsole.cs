using System.Text;

namespace ApiServer.Tests.Support;

/// <summary>Captures everything written to stdout (where the api-server's JSON logs go).</summary>
public sealed class CapturedConsole : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly object _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock) _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_lock) _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock) _text.Append(buffer, index, count);
    }

    public string Text
    {
        get
        {
            lock (_lock) return _text.ToString();
        }
    }
}
