using System.Net;
using System.Net.Http.Headers;
using ApiServer.Tests.Support;
using FluentAssertions;

namespace ApiServer.Tests;

[Collection(ApiServerCollection.Name)]
public sealed class AuthTests(ApiServerFixture api)
{
    public static TheoryData<string> BadTokens => new()
    {
        "missing",
        "wrong-key",
        "expired",
        "garbage",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Without_a_valid_token_an_upload_answers_401_unauthorized_and_stores_nothing(string kind)
    {
        var filesBefore = api.StoredFileCount();
        var request = api.Request(HttpMethod.Post, "/api/v1/documents", userId: null);
        request.Content = new MultipartFormDataContent { { new ByteArrayContent(TestPdfs.InsurancePolicy()), "file", "policy.pdf" } };
        var token = kind switch
        {
            "wrong-key" => ApiServerFixture.TokenFor("mallory", signingKey: "another-signing-key-0123456789-abcdefghijk"),
            "expired" => ApiServerFixture.TokenFor("mallory", expires: DateTime.UtcNow.AddMinutes(-5)),
            "garbage" => "not.a.jwt",
            _ => null,
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = await response.JsonAsync();
        body.Text("error").Should().Be("unauthorized");
        body.Text("correlationId").Should().Be(response.Headers.GetValues("X-Correlation-Id").Single());
        (await api.DocumentRowsAsync("mallory")).Should().Be(0);
        api.StoredFileCount().Should().Be(filesBefore);
    }

    [Theory]
    [InlineData("/api/v1/jobs/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/v1/documents/00000000-0000-0000-0000-000000000001")]
    public async Task Reads_need_a_token(string path)
    {
        var response = await api.GetAsync(path, userId: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.JsonAsync()).Text("error").Should().Be("unauthorized");
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    public async Task Health_and_metrics_are_anonymous(string path)
    {
        var response = await api.GetAsync(path, userId: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
