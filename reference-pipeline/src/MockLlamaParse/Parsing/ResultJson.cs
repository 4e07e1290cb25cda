using System.Text.Json;

namespace MockLlamaParse.Parsing;

/// <summary>
/// Writes the result shapes LlamaParse serves straight to a stream, reading the job's page file a
/// page at a time: <c>markdown</c> and <c>text</c> join the pages with <see cref="ParsedDocument.PageSeparator"/>,
/// <c>pages</c> holds one entry per page (<c>page</c>, <c>text</c>, <c>md</c>, <c>images</c>, <c>items</c>;
/// webhook docs and JSON result). No whole text is ever built in memory.
/// </summary>
public static class ResultJson
{
    /// <summary>An object of the named top-level properties, each written by its writer, flushed as it goes.</summary>
    public static async Task WriteObjectAsync(Stream output, params (string Name, Func<Utf8JsonWriter, Task> Write)[] properties)
    {
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        foreach (var (name, write) in properties)
        {
            writer.WritePropertyName(name);
            await write(writer);
            await writer.FlushAsync();
        }
        writer.WriteEndObject();
        await writer.FlushAsync();
    }

    public static Func<Utf8JsonWriter, Task> Markdown(ParsedDocument document) =>
        writer => JoinedAsync(writer, document, page => page.Markdown);

    public static Func<Utf8JsonWriter, Task> Text(ParsedDocument document) =>
        writer => JoinedAsync(writer, document, page => page.Text.Trim());

    public static Func<Utf8JsonWriter, Task> Pages(ParsedDocument document) => async writer =>
    {
        writer.WriteStartArray();
        await foreach (var page in document.Pages.ReadAsync())
        {
            writer.WriteStartObject();
            writer.WriteNumber("page", page.Number);
            writer.WriteString("text", page.Text);
            writer.WriteString("md", page.Markdown);
            writer.WriteStartArray("images");
            writer.WriteEndArray();
            writer.WriteStartArray("items");
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync();
        }
        writer.WriteEndArray();
    };

    /// <summary>
    /// A value that is small and whole (metadata, empty lists). Written as an element, because serializing
    /// into the writer flushes it synchronously, which the server's response stream refuses.
    /// </summary>
    public static Func<Utf8JsonWriter, Task> Value(object value) => writer =>
    {
        JsonSerializer.SerializeToElement(value, value.GetType()).WriteTo(writer);
        return Task.CompletedTask;
    };

    /// <summary>One JSON string of every page's part, separated by the page separator, written in segments.</summary>
    private static async Task JoinedAsync(Utf8JsonWriter writer, ParsedDocument document, Func<ParsedPage, string> part)
    {
        var first = true;
        await foreach (var page in document.Pages.ReadAsync())
        {
            if (!first) writer.WriteStringValueSegment(ParsedDocument.PageSeparator, isFinalSegment: false);
            writer.WriteStringValueSegment(part(page), isFinalSegment: false);
            await writer.FlushAsync();
            first = false;
        }
        writer.WriteStringValueSegment("", isFinalSegment: true);
    }
}
