using System.Text.Json;
using Reqnroll;

namespace Conformance.StepDefinitions;

[Binding]
public sealed class AttachmentSteps(Counter counter, IReqnrollOutputHelper output)
{
    // A 1×1 transparent PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [When("the counter is attached as text, JSON and a picture")]
    public void WhenTheCounterIsAttached()
    {
        var folder = Directory.CreateTempSubdirectory("conformance-attachments").FullName;
        output.WriteLine($"counter is {counter.Value}");
        Attach(Path.Combine(folder, "counter.txt"), System.Text.Encoding.UTF8.GetBytes($"counter={counter.Value}"));
        Attach(Path.Combine(folder, "counter.json"), JsonSerializer.SerializeToUtf8Bytes(new { counter = counter.Value }));
        Attach(Path.Combine(folder, "counter.png"), Png);
    }

    private void Attach(string path, byte[] content)
    {
        File.WriteAllBytes(path, content);
        output.AddAttachment(path);
    }
}
