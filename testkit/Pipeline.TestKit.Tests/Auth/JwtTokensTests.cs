using System.IdentityModel.Tokens.Jwt;
using System.Text;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;

namespace Pipeline.TestKit.Tests.Auth;

public sealed class JwtTokensTests
{
    private const string Key = "test-signing-key-with-at-least-32-bytes!";

    [Fact]
    public async Task A_minted_token_validates_with_the_same_key_issuer_and_audience()
    {
        var token = JwtTokens.Mint("dana", "pipeline-tests", "pipeline-api", Key, TimeSpan.FromMinutes(5));

        var result = await new JwtSecurityTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, Parameters(Key));

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        result.ClaimsIdentity.FindFirst("sub")!.Value.Should().Be("dana");
        new JwtSecurityToken(token).Header.Alg.Should().Be("HS256");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_expired_does_not_validate()
    {
        var forged = JwtTokens.Mint("dana", "pipeline-tests", "pipeline-api", "another-key-that-is-also-32-bytes-long", TimeSpan.FromMinutes(5));
        var expired = JwtTokens.Mint("dana", "pipeline-tests", "pipeline-api", Key, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-1));

        var handler = new JwtSecurityTokenHandler();
        (await handler.ValidateTokenAsync(forged, Parameters(Key))).IsValid.Should().BeFalse();
        (await handler.ValidateTokenAsync(expired, Parameters(Key))).Exception.Should().BeOfType<SecurityTokenExpiredException>();
    }

    [Fact]
    public void Short_keys_are_refused()
    {
        var act = () => JwtTokens.Mint("dana", "i", "a", "short", TimeSpan.FromMinutes(1));

        act.Should().Throw<ArgumentException>().WithMessage("*32 bytes*");
    }

    private static TokenValidationParameters Parameters(string key) => new()
    {
        ValidIssuer = "pipeline-tests",
        ValidAudience = "pipeline-api",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        ClockSkew = TimeSpan.Zero,
    };
}
