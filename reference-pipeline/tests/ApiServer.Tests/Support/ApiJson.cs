using System.Net.Http.Json;
using System.Text.Json;

namespace ApiServer.Tests.Support;

public static class ApiJson
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"Expected JSON from {(int)response.StatusCode}, got: {text}");
        }
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).ToString();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);
}
