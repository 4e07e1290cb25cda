using System.Net.Sockets;
using System.Text.Json;

namespace PipelineByHand;

/// <summary>
/// A Unix socket in the state folder (for this machine's user only) on which the host takes one control request at a
/// time: a JSON line {"verb", "service", "settings"} (no service for a verb on the whole pipeline; for scale, the number of workers), answered with the exit status on the first line and the text after it. One at a
/// time, because the controller behind it keeps each service's process and must not be changed from two places.
/// </summary>
public static class ControlSocket
{
    public const string FileName = "control.sock";

    public static async Task ServeAsync(string stateDirectory, Func<string, string, IReadOnlyDictionary<string, string>, Task<ControlAnswer>> answer, CancellationToken stop)
    {
        var path = Path.Combine(stateDirectory, FileName);
        File.Delete(path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen();
        try
        {
            while (true)
            {
                using var client = await listener.AcceptAsync(stop);
                await using var stream = new NetworkStream(client, ownsSocket: false);
                using var reader = new StreamReader(stream);
                await using var writer = new StreamWriter(stream) { NewLine = "\n" };
                var reply = await AnswerAsync(await reader.ReadLineAsync(stop), answer);
                await writer.WriteLineAsync(reply.ExitStatus.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await writer.WriteAsync(reply.Text.EndsWith('\n') || reply.Text.Length == 0 ? reply.Text : reply.Text + "\n");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The pipeline is stopping; no more requests.
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<ControlAnswer> AnswerAsync(string? line, Func<string, string, IReadOnlyDictionary<string, string>, Task<ControlAnswer>> answer)
    {
        ControlRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ControlRequest>(line ?? "", Json);
        }
        catch (JsonException)
        {
            request = null;
        }
        if (request is not { Verb.Length: > 0 })
            return ControlAnswer.Refused($"A request is a JSON line with verb, service and settings; got '{line}'.");
        try
        {
            // A verb on the whole pipeline (a backup verb) names no service.
            return await answer(request.Verb, request.Service ?? "", request.Settings ?? new Dictionary<string, string>());
        }
        catch (Exception e)
        {
            // The host keeps running whatever one verb met; the caller sees why it failed.
            return new ControlAnswer(1, $"{string.Join(' ', new[] { request.Verb, request.Service }.Where(w => w is { Length: > 0 }))} failed: {e.Message}");
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record ControlRequest(string Verb, string? Service, Dictionary<string, string>? Settings);
}
